using System.Reflection;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// A host loop that sees one strategy type inlines its Evaluate only if the JIT may: at most 32
/// locals (the JIT's MAX_INL_LCLS, a hard limit) and marked for inlining. One local per IR node
/// gave the imbalance scalper 77 and cost it ~2 ns an event against the hand-written baseline
/// (tests/ScalpLang.Benchmarks/StrategyBenchmarks.cs), so every example must stay inlinable.
/// </summary>
public sealed class InlinableEvaluateTests
{
    private const int JitInlineLocalLimit = 32;

    [Theory]
    [MemberData(nameof(IlBackendTests.Examples), MemberType = typeof(IlBackendTests))]
    public void Every_examples_Evaluate_is_within_the_jit_inlining_limits(string file)
    {
        var path = Path.Combine(IlBackendTests.Root, "examples", file);
        var program = FrontEnd.Check(File.ReadAllBytes(path), path, models: new Ml.MlModelReader());
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        try
        {
            var evaluate = strategy.GetType().GetMethod("Evaluate", BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)!;
            var locals = evaluate.GetMethodBody()!.LocalVariables.Count;
            Assert.True(locals <= JitInlineLocalLimit, $"{file}: Evaluate declares {locals} locals; the JIT inlines no method with more than {JitInlineLocalLimit}");
            Assert.True(evaluate.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveInlining), $"{file}: Evaluate is not marked AggressiveInlining");
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void A_value_read_twice_keeps_its_local_and_constants_take_none()
    {
        // `d` (a division) is read by two decisions: one local; the constants 2, 3 and 1 need none.
        const string source = """
            strategy Twice
            instrument "X" tick 0.01 lot 1 currency USD
            book depth 1
            signal d = spread / 2
            rule a priority 2 when d > 3 => buy 1 at market
            rule b priority 1 when d < 1 => sell 1 at market
            """;
        var program = FrontEnd.Check(System.Text.Encoding.UTF8.GetBytes(source), "twice.scalp");
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        try
        {
            var evaluate = strategy.GetType().GetMethod("Evaluate", BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)!;
            Assert.Single(evaluate.GetMethodBody()!.LocalVariables);
        }
        finally
        {
            context.Unload();
        }
    }
}
