using Antlr4.Runtime;
using AntlrParser = Antlr4.Runtime.Parser;
using Antlr4.Runtime.Misc;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax.Generated;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// ANTLR's recovery (single-token insertion/deletion, then resynchronisation), with our own
/// messages and one rule on top: at most one syntax error per declaration. Every declaration
/// starts with a keyword, so independent mistakes in three declarations give three errors, and
/// the noise that follows one mistake inside a declaration is not reported.
/// </summary>
internal sealed class SyntaxErrorStrategy(Action<IToken, DiagnosticDescriptor, object[]> report, int[] declarationOfToken)
    : DefaultErrorStrategy
{
    private int _lastReportedDeclaration = -2;

    public override void ReportError(AntlrParser recognizer, RecognitionException e)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);
        var token = e.OffendingToken ?? recognizer.CurrentToken;
        Emit(recognizer, token, e.GetExpectedTokens() ?? recognizer.GetExpectedTokens(), missing: false);
    }

    protected override void ReportUnwantedToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);
        Emit(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer), missing: false);
    }

    protected override void ReportMissingToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);
        Emit(recognizer, recognizer.CurrentToken, GetExpectedTokens(recognizer), missing: true);
    }

    private void Emit(AntlrParser recognizer, IToken token, IntervalSet expected, bool missing)
    {
        var declaration = token.TokenIndex >= 0 && token.TokenIndex < declarationOfToken.Length
            ? declarationOfToken[token.TokenIndex]
            : -1;
        if (declaration == _lastReportedDeclaration)
            return;
        _lastReportedDeclaration = declaration;

        var found = TokenNames.Describe(token);
        if (recognizer.Context is ScalpLangParser.FileContext && !missing)
            report(token, DiagnosticDescriptors.MisplacedDeclaration, [found]);
        else if (missing)
            report(token, DiagnosticDescriptors.MissingToken, [TokenNames.Describe(expected), found]);
        else
            report(token, DiagnosticDescriptors.UnexpectedToken, [found, TokenNames.Describe(expected)]);
    }
}
