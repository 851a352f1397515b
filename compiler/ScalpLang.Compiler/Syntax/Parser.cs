using System.Collections.Immutable;
using Antlr4.Runtime;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax.Generated;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// Phase 1: source text -> AST. Lexical problems (bad characters, unterminated strings and
/// comments) are reported here and their tokens repaired or dropped, so the parser sees a clean
/// stream; syntax errors recover per declaration. Never throws on user input.
/// </summary>
public static class Parser
{
    public static SyntaxTree Parse(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = Lex(source, diagnostics);
        var stream = new CommonTokenStream(new ListTokenSource(tokens));
        stream.Fill();

        var parser = new NestingLimitParser(stream);
        parser.RemoveErrorListeners();
        parser.ErrorHandler = new SyntaxErrorStrategy(
            (token, descriptor, args, afterPrevious) =>
                diagnostics.Report(descriptor, afterPrevious ? AfterPrevious(source, stream, token) : Locate(source, token), args),
            MapTokensToDeclarations(stream));

        ScalpLangParser.FileContext tree;
        try
        {
            tree = parser.file();
        }
        catch (NestingTooDeepException e)
        {
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, Locate(source, e.At));
            return new SyntaxTree(source, new CompilationUnitSyntax(source, []), diagnostics.ToImmutable(), [new TextSpan(0, source.Text.Length)]);
        }

        var root = AstBuilder.Build(source, tree, diagnostics);
        var all = diagnostics.ToImmutable();
        return new SyntaxTree(source, root, all, DamagedSpans(source, stream, all));
    }

    /// <summary>For each syntax diagnostic, the declaration it sits in: from its keyword to the next one.</summary>
    private static ImmutableArray<TextSpan> DamagedSpans(SourceText source, CommonTokenStream stream, ImmutableArray<Diagnostic> diagnostics)
    {
        if (diagnostics.IsEmpty)
            return [];
        var starts = new List<int> { 0 };
        for (var i = 0; i < stream.Size; i++)
        {
            var token = stream.Get(i);
            if (token.Channel == TokenConstants.DefaultChannel && TokenNames.IsDeclarationStart(token.Type) && token.StartIndex > 0)
                starts.Add(token.StartIndex);
        }
        starts.Add(source.Text.Length + 1);
        var damaged = new SortedSet<int>();
        foreach (var diagnostic in diagnostics)
        {
            var index = starts.BinarySearch(diagnostic.Location.Span.Start);
            damaged.Add(index >= 0 ? index : ~index - 1);
        }
        return [.. damaged.Where(i => i < starts.Count - 1).Select(i => TextSpan.FromBounds(starts[i], starts[i + 1]))];
    }

    internal static SourceLocation Locate(SourceText source, IToken token)
    {
        if (token.Type == TokenConstants.EOF || token.StartIndex < 0)
        {
            var end = source.Text.Length;
            return new SourceLocation(source, new TextSpan(end, 0));
        }
        return new SourceLocation(source, TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1));
    }

    /// <summary>A zero-width location right after the last visible token before <paramref name="token"/>.</summary>
    private static SourceLocation AfterPrevious(SourceText source, CommonTokenStream stream, IToken token)
    {
        var index = token.TokenIndex < 0 ? stream.Size - 1 : token.TokenIndex - 1;
        for (; index >= 0; index--)
        {
            var previous = stream.Get(index);
            if (previous.Channel == TokenConstants.DefaultChannel && previous.Type != TokenConstants.EOF)
                return new SourceLocation(source, new TextSpan(previous.StopIndex + 1, 0));
        }
        return Locate(source, token);
    }

    private static List<IToken> Lex(SourceText source, DiagnosticBag diagnostics)
    {
        var lexer = new ScalpLangLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        var result = new List<IToken>();
        var badRunStart = -1;
        var badRunEnd = -1;

        void FlushBadRun()
        {
            if (badRunStart < 0)
                return;
            var span = TextSpan.FromBounds(badRunStart, badRunEnd);
            diagnostics.Report(DiagnosticDescriptors.UnexpectedCharacter, new SourceLocation(source, span), Printable(source.ToString(span)));
            badRunStart = -1;
        }

        for (var token = lexer.NextToken(); token.Type != TokenConstants.EOF; token = lexer.NextToken())
        {
            if (token.Type == ScalpLangLexer.BAD_CHAR)
            {
                if (badRunStart < 0 || token.StartIndex != badRunEnd)
                {
                    FlushBadRun();
                    badRunStart = token.StartIndex;
                }
                badRunEnd = token.StopIndex + 1;
                continue;
            }
            FlushBadRun();
            switch (token.Type)
            {
                case ScalpLangLexer.UNTERMINATED_STRING:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedString, Locate(source, token));
                    // Keep it as a string so the declaration around it still parses.
                    result.Add(new CommonToken(token) { Type = ScalpLangLexer.STRING });
                    break;
                case ScalpLangLexer.UNTERMINATED_COMMENT:
                    diagnostics.Report(DiagnosticDescriptors.UnterminatedComment,
                        new SourceLocation(source, new TextSpan(token.StartIndex, 2)));
                    break;
                default:
                    result.Add(token);
                    break;
            }
        }
        FlushBadRun();
        return result;
    }

    // For each token index, the declaration keyword it belongs to (-1 before the first). A
    // declaration keyword itself maps to the declaration before it: an error found there means
    // that earlier declaration was cut short.
    private static int[] MapTokensToDeclarations(CommonTokenStream stream)
    {
        var map = new int[stream.Size];
        var current = -1;
        for (var i = 0; i < stream.Size; i++)
        {
            var token = stream.Get(i);
            map[i] = current;
            if (token.Channel == TokenConstants.DefaultChannel && TokenNames.IsDeclarationStart(token.Type))
                current = i;
        }
        return map;
    }

    private static string Printable(string text)
    {
        var clipped = text.Length > 8 ? text[..8] + "…" : text;
        return string.Concat(clipped.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
