using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>Source -> IR the way `scalp build` gets there; a strategy with errors fails the test.</summary>
public static class Strategies
{
    /// <summary>ML.NET .zip models are read as `scalp build` reads them (compiled into the IR).</summary>
    private static readonly Ml.MlModelReader Models = new();

    /// <param name="fullPath">Where the source lives (model paths are relative to its folder); default: the temp folder.</param>
    public static IrProgram Lower(string text, string path = "test.scalp", string? fullPath = null)
    {
        var program = FrontEnd.Check(SourceText.From(text, path, fullPath ?? Path.Combine(Path.GetTempPath(), path)), models: Models);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
        return Lowerer.Lower(program.Strategy!);
    }

    public static IrProgram LowerFile(string fullPath) => Lower(File.ReadAllText(fullPath), Path.GetFileName(fullPath), fullPath);

    public static IrProgram Golden(string folder) => LowerFile(Path.Combine(RepoPaths.Goldens, folder, "input.scalp"));
}
