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
/// the noise that follows one mistake inside a declaration is not reported. The report callback's
/// last argument asks for the error to be placed just after the previous token (a missing piece).
/// </summary>
internal sealed class SyntaxErrorStrategy(Action<IToken, DiagnosticDescriptor, object[], bool> report, int[] declarationOfToken)
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

    /// <summary>
    /// Never delete a declaration keyword to repair the declaration before it: that would glue
    /// the next declaration onto a broken one and report its contents as nonsense.
    /// </summary>
    protected override IToken? SingleTokenDeletion(AntlrParser recognizer)
    {
        var next = ((ITokenStream)recognizer.InputStream).LT(1);
        return TokenNames.IsDeclarationStart(next.Type) ? null : base.SingleTokenDeletion(recognizer);
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
        // A declaration cut short is "missing" something, reported where it should have been.
        var cutShort = token.Type == TokenConstants.EOF || TokenNames.IsDeclarationStart(token.Type);
        if (recognizer.Context is ScalpLangParser.FileContext && !missing && !cutShort)
            report(token, DiagnosticDescriptors.MisplacedDeclaration, [found], false);
        else if (missing || cutShort)
            report(token, DiagnosticDescriptors.MissingToken, [TokenNames.Describe(expected), found], true);
        else
            report(token, DiagnosticDescriptors.UnexpectedToken, [found, TokenNames.Describe(expected)], false);
    }
}
