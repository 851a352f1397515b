using ScalpLang.Compiler.Semantics;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Scripting.Tests;

/// <summary>A .csx import is compiled once per content and read from the disk cache afterwards, in this process or another.</summary>
public sealed class CsxImportCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Signals = "public static Ratio skew(Lots bid, Lots ask) => (bid - ask) / (bid + ask);\n" +
                                   "public static bool slow(Duration held, Duration limit) => held > limit;\n";

    [Fact]
    public void The_second_load_reads_the_cache_instead_of_compiling()
    {
        var file = _folder.Write("signals.csx", Signals);
        var compiler = new CsxImportCompiler(_folder.Cache);
        var first = compiler.Load(file, "signals.csx");
        Assert.Empty(first.Problems);
        Assert.Equal(1, compiler.Compilations);
        var dll = first.Library!.AssemblyPath;
        Assert.True(File.Exists(dll));
        var written = File.GetLastWriteTimeUtc(dll);

        Assert.Empty(compiler.Load(file, "signals.csx").Problems);
        Assert.Equal(1, compiler.Compilations);

        // Another process's view of the same cache: a new compiler over the same folder.
        var another = new CsxImportCompiler(_folder.Cache);
        var cached = another.Load(file, "signals.csx");
        Assert.Equal(0, another.Compilations);
        Assert.Equal(written, File.GetLastWriteTimeUtc(dll));
        Assert.Equal(dll, cached.Library!.AssemblyPath);
        Assert.Equal(["skew", "slow"], cached.Library.Functions.Select(f => f.Name));
        var skew = cached.Library.Functions[0];
        Assert.Equal([ScalpType.Lots, ScalpType.Lots], skew.Parameters.Select(p => p.Type));
        Assert.Equal(ScalpType.Ratio, skew.ReturnType);
        Assert.Equal([ScalpType.Duration, ScalpType.Duration], cached.Library.Functions[1].Parameters.Select(p => p.Type));
        Assert.Equal(ScalpType.Bool, cached.Library.Functions[1].ReturnType);
    }

    [Fact]
    public void Changed_content_compiles_again_under_a_new_name()
    {
        var file = _folder.Write("signals.csx", Signals);
        var compiler = new CsxImportCompiler(_folder.Cache);
        var first = compiler.Load(file, "signals.csx").Library!;
        File.WriteAllText(file, Signals + "public static Ticks wider(Ticks a) => a + a;\n");
        var second = compiler.Load(file, "signals.csx").Library!;
        Assert.Equal(2, compiler.Compilations);
        Assert.NotEqual(first.AssemblyName, second.AssemblyName);
        Assert.Contains(second.Functions, f => f.Name == "wider");
    }

    [Fact]
    public void A_file_that_does_not_compile_is_reported_and_not_cached()
    {
        var file = _folder.Write("broken.csx", "public static Ratio f(Ratio x)\n{\n    return x + y;\n}\n");
        var compiler = new CsxImportCompiler(_folder.Cache);
        var result = compiler.Load(file, "lib/broken.csx");
        Assert.Null(result.Library);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(ScriptProblemKind.CompileError, problem.Kind);
        Assert.StartsWith("lib/broken.csx:3:16: error CS0103:", problem.Message);
        Assert.False(Directory.Exists(compiler.Directory) && Directory.EnumerateFiles(compiler.Directory).Any());
        compiler.Load(file, "lib/broken.csx");
        Assert.Equal(2, compiler.Compilations);
    }

    [Fact]
    public void Only_public_static_functions_over_the_unit_types_are_exported()
    {
        var file = _folder.Write("mixed.csx",
            "private static double helper(double x) => x * 2;\n" +
            "public static Count twice(Count c) => c + c;\n" +
            "public static Price id(Price p) => p;\n" +
            "static class Tables { public static readonly int[] Steps = [1, 2, 3]; }\n");
        var result = new CsxImportCompiler(_folder.Cache).Load(file, "mixed.csx");
        Assert.Empty(result.Problems);
        Assert.Equal(["twice", "id"], result.Library!.Functions.Select(f => f.Name));
    }

    [Theory]
    [InlineData("int n = 0;\npublic static Ratio f(Ratio x) => x;\n", "mixed.csx:1:1: a top-level variable is state")]
    [InlineData("System.Console.WriteLine(1);\n", "mixed.csx:1:1: a top-level statement")]
    [InlineData("public Ratio f(Ratio x) => x;\n", "function 'f' must be static")]
    [InlineData("public static long f(long x) => x;\n", "parameter 'x' of function 'f' has type long")]
    [InlineData("public static Ratio f(ref Ratio x) => x;\n", "must take plain parameters")]
    [InlineData("public static Ratio f(Ratio x) => x;\npublic static Ratio f(Ticks x) => Ratio.Of(1);\n", "declared twice")]
    public void Declarations_ScalpLang_cannot_call_are_refused(string source, string expected)
    {
        var file = _folder.Write("mixed.csx", source);
        var result = new CsxImportCompiler(_folder.Cache).Load(file, "mixed.csx");
        Assert.Contains(result.Problems, p => p.Kind == ScriptProblemKind.UnsupportedDeclaration && p.Message.Contains(expected, StringComparison.Ordinal));
    }
}
