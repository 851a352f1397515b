using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>Source -> IR the way `scalp build` gets there; a strategy with errors fails the test.</summary>
public static class Strategies
{
    public static IrProgram Lower(string text, string path = "test.scalp")
    {
        var program = FrontEnd.Check(SourceText.From(text, path, Path.Combine(Path.GetTempPath(), path)));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
        return Lowerer.Lower(program.Strategy!);
    }

    public static IrProgram LowerFile(string fullPath) => Lower(File.ReadAllText(fullPath), Path.GetFileName(fullPath));

    public static IrProgram Golden(string folder) => LowerFile(Path.Combine(RepoPaths.Goldens, folder, "input.scalp"));
}
