using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
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
        try
        {
            return FastParse(source) ?? ParseWithRecovery(source);
        }
        catch (NestingTooDeepException e)
        {
            var diagnostics = new DiagnosticBag();
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, Locate(source, e.At));
            return new SyntaxTree(source, new CompilationUnitSyntax(source, []), diagnostics.ToImmutable(), [new TextSpan(0, source.Text.Length)]);
        }
    }

    /// <summary>
    /// The path every clean file takes: SLL prediction, tokens streamed rather than buffered (they
    /// die young instead of filling the old GC generations), and a bail-out on the first problem.
    /// Null when the file has any diagnostic: the recovering parse then reports them all.
    /// </summary>
    private static SyntaxTree? FastParse(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var (parser, collector) = CreateParser(source, diagnostics, buffered: false, out _);
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            parser.file();
        }
        catch (ParseCanceledException)
        {
            return null;
        }
        return diagnostics.Count > 0
            ? null
            : new SyntaxTree(source, new CompilationUnitSyntax(source, [.. collector.Declarations]), [], []);
    }

    /// <summary>Full LL parsing with ANTLR's recovery and our messages, over a buffered token stream.</summary>
    private static SyntaxTree ParseWithRecovery(SourceText source)
    {
        var diagnostics = new DiagnosticBag();
        var (parser, collector) = CreateParser(source, diagnostics, buffered: true, out var stream);
        var buffer = (CommonTokenStream)stream;
        buffer.Fill();
        parser.Interpreter.PredictionMode = PredictionMode.LL;
        parser.ErrorHandler = new SyntaxErrorStrategy(
            (token, descriptor, args, afterPrevious) =>
                diagnostics.Report(descriptor, afterPrevious ? AfterPrevious(source, buffer, token) : Locate(source, token), args),
            MapTokensToDeclarations(buffer));
        parser.file();
        var all = diagnostics.ToImmutable();
        return new SyntaxTree(source, new CompilationUnitSyntax(source, [.. collector.Declarations]), all, DamagedSpans(source, buffer, all));
    }

    private static (NestingLimitParser Parser, DeclarationCollector Collector) CreateParser(
        SourceText source, DiagnosticBag diagnostics, bool buffered, out ITokenStream stream)
    {
        var lexer = new ScalpLangLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        var tokens = new CleanTokenSource(source, lexer, diagnostics);
        stream = buffered ? new PresizedTokenStream(tokens, source.Text.Length / 3 + 16) : new UnbufferedTokenStream(tokens);
        // No parse tree: each declaration becomes AST as soon as its rule exits.
        var parser = new NestingLimitParser(stream) { BuildParseTree = false };
        parser.RemoveErrorListeners();
        var collector = new DeclarationCollector(new AstBuilder(source, diagnostics));
        parser.AddParseListener(collector);
        return (parser, collector);
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

    /// <summary>
    /// A token stream whose buffer starts near its final size (about one token per three
    /// characters), so that a large file does not regrow it through the large-object heap.
    /// </summary>
    private sealed class PresizedTokenStream : CommonTokenStream
    {
        public PresizedTokenStream(ITokenSource source, int expectedTokens) : base(source)
        {
            if (tokens is List<IToken> list)
                list.Capacity = expectedTokens;
        }
    }
}
