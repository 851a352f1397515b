using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// Phase 2: AST -> bound strategy. Resolves names (with did-you-mean), checks types and units,
/// folds constant literals, merges imports, and checks the strategy's structure (headers,
/// priorities, limits). Reports every user error as a diagnostic and keeps going.
/// </summary>
public sealed partial class Binder
{
    public const int MaxBookDepth = 50;
    public const int DefaultBookDepth = 5;

    private readonly DiagnosticBag _diagnostics = new();
    private readonly IImportResolver _resolver;
    private readonly bool _isStdlib;
    private readonly Dictionary<string, Symbol> _globals = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, IntrinsicSymbol> _intrinsics;
    private readonly HashSet<Symbol> _used = [];
    private readonly List<SyntaxTree> _trees = [];
    private SourceText _currentSource;
    private int _bookDepth = DefaultBookDepth;

    private Binder(SourceText root, IImportResolver resolver, bool isStdlib, IReadOnlyDictionary<string, IntrinsicSymbol> intrinsics)
    {
        _currentSource = root;
        _resolver = resolver;
        _isStdlib = isStdlib;
        _intrinsics = intrinsics;
    }

    /// <summary>Binds a parsed strategy file; imports are read through <paramref name="resolver"/> (disk by default).</summary>
    /// <param name="scripts">Compiles C# imports (.csx); without it they are SL2062.</param>
    public static CheckedProgram Bind(SyntaxTree root, IImportResolver? resolver = null, IScriptImportResolver? scripts = null)
    {
        var binder = new Binder(root.Source, resolver ?? FileImportResolver.Instance, isStdlib: false, Stdlib.Intrinsics) { _scripts = scripts };
        binder._diagnostics.AddRange(root.Diagnostics);
        var strategy = binder.BindProgram(root);
        return new CheckedProgram([.. binder._trees], strategy, binder.QuietInDamage(binder._diagnostics.ToImmutable()));
    }

    /// <summary>
    /// Drops what the binder said inside declarations that a syntax error damaged (their content
    /// is the parser's guess), and the whole-file judgements (unused, no entry rule) that a
    /// damaged declaration may have falsified.
    /// </summary>
    private ImmutableArray<Diagnostic> QuietInDamage(ImmutableArray<Diagnostic> diagnostics)
    {
        var trees = _trees.ToDictionary(t => t.Source);
        return [.. diagnostics.Where(d =>
        {
            if (d.Code.StartsWith("SL1", StringComparison.Ordinal) || !trees.TryGetValue(d.Location.Source, out var tree) || tree.Diagnostics.IsEmpty)
                return true;
            if (d.Descriptor == DiagnosticDescriptors.UnusedDeclaration || d.Descriptor == DiagnosticDescriptors.NoEntryRules)
                return false;
            return !tree.IsDamaged(d.Location.Span);
        })];
    }

    /// <summary>Binds the prelude itself: the only place where 'intrinsic' declarations are legal.</summary>
    internal static (ImmutableDictionary<string, IntrinsicSymbol> Intrinsics, ImmutableArray<Diagnostic> Diagnostics) BindStdlib(SyntaxTree prelude)
    {
        var binder = new Binder(prelude.Source, FileImportResolver.Instance, isStdlib: true, ImmutableDictionary<string, IntrinsicSymbol>.Empty);
        binder._diagnostics.AddRange(prelude.Diagnostics);
        var intrinsics = ImmutableDictionary.CreateBuilder<string, IntrinsicSymbol>(StringComparer.Ordinal);
        foreach (var declaration in prelude.Root.Declarations.OfType<IntrinsicSyntax>())
        {
            if (binder.BindIntrinsic(declaration) is { } symbol)
                intrinsics[symbol.Name] = symbol;
        }
        return (intrinsics.ToImmutable(), binder._diagnostics.ToImmutable());
    }

    private SourceLocation At(TextSpan span) => new(_currentSource, span);

    private SourceLocation At(SyntaxNode node) => At(node.Span);

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        _diagnostics.Report(descriptor, At(span), args);

    private void ReportWithHelp(DiagnosticDescriptor descriptor, TextSpan span, string? help, params object?[] args) =>
        _diagnostics.ReportWithHelp(descriptor, At(span), help, args);

    /// <summary>"line 3" in the same file, "lib/risk.scalp:3" in another: where an earlier definition is.</summary>
    private string Where(SourceLocation location) =>
        location.Source == _currentSource ? $"line {location.Start.Line}" : $"{location.Source.Path}:{location.Start.Line}";

    private IEnumerable<string> VisibleNames() => _globals.Keys.Concat(_intrinsics.Keys);
}
