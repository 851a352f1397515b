using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>Compiled strategies for the routing tests: the examples, or small ones written in the test.</summary>
internal static class Strategies
{
    public static CompiledStrategy Compile(string text, string path = "t.scalp")
    {
        var program = FrontEnd.Check(SourceText.From(text, path));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    public static CompiledStrategy Example(string file) =>
        Compile(File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", file)), file);
}
