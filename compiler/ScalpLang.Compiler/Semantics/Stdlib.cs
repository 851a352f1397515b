using System.Collections.Immutable;
using System.Diagnostics;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// The standard library's signatures, read once from stdlib/prelude.scalp (embedded in this
/// assembly). A prelude that does not check clean is a compiler bug, not a user error.
/// </summary>
public static class Stdlib
{
    public const string PreludePath = "stdlib/prelude.scalp";

    private static readonly Lazy<ImmutableDictionary<string, IntrinsicSymbol>> Lazy = new(Load);

    public static ImmutableDictionary<string, IntrinsicSymbol> Intrinsics => Lazy.Value;

    public static string PreludeText()
    {
        using var stream = typeof(Stdlib).Assembly.GetManifestResourceStream(PreludePath)
            ?? throw new UnreachableException("stdlib/prelude.scalp is not embedded in the compiler");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ImmutableDictionary<string, IntrinsicSymbol> Load()
    {
        var tree = Parser.Parse(SourceText.From(PreludeText(), PreludePath));
        var (intrinsics, diagnostics) = Binder.BindStdlib(tree);
        if (diagnostics.Any(d => d.IsError))
            throw new UnreachableException("the prelude does not check:\n" + string.Concat(diagnostics.Select(DiagnosticFormatter.Format)));
        return intrinsics;
    }
}
