using System.Globalization;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// The IL's <c>*</c> is emitted as 64-bit arithmetic (MultiplyEmitter), not through Q.Mul's
/// 128-bit product: property-tested against Q.Mul (the language reference's definition) on edge
/// values and random operands, for two params and for a param times each kind of constant.
/// </summary>
public sealed class MultiplyTests
{
    private static readonly long[] Edges =
    [
        0, 1, -1, 2, -2, 65_535, -65_535, 65_536, -65_536, 65_537, -65_537, 32_768, -32_768,
        (1L << 47) - 1, -(1L << 47), 1L << 47, -(1L << 47) - 1, 1L << 62, -(1L << 62),
        long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 0x0000_7FFF_FFFF_0000, 0x1234_5678_9ABC_DEF0,
    ];

    private sealed class PriceSink : IActionSink
    {
        public long Price;

        public void Submit(in StrategyAction action) => Price = action.LimitPrice;
    }

    private static Func<long, long, long> Compile(string product)
    {
        var source = "strategy M\ninstrument \"X\" tick 0.01 lot 1 currency USD\nparam a: price = 1\nparam b: ratio = 1\n" +
                     $"rule r priority 1 when true => buy 1 lot at {product}\n";
        var checkedProgram = FrontEnd.Check(SourceText.From(source, "m.scalp"));
        Assert.False(checkedProgram.HasErrors, string.Join("\n", checkedProgram.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(checkedProgram.Strategy!));
        Assert.Empty(emitted.Diagnostics);
        // One load; a fresh instance per operand pair (parameters are set before Start).
        var type = StrategyLoader.Load(emitted.Image!, emitted.TypeName).Strategy.GetType();
        return (a, b) =>
        {
            var strategy = (CompiledStrategy)Activator.CreateInstance(type)!;
            strategy.SetParameter("a", a);
            strategy.SetParameter("b", b);
            strategy.Start();
            var sink = new PriceSink();
            var view = new MarketView { TsEvent = 1 };
            strategy.OnBook(in view, sink);
            return sink.Price;
        };
    }

    private static IEnumerable<long> Operands(int seed)
    {
        var random = new Random(seed);
        foreach (var edge in Edges)
            yield return edge;
        for (var i = 0; i < 40; i++)
        {
            yield return random.NextInt64(long.MinValue, long.MaxValue);
            yield return random.NextInt64(-(1L << 48), 1L << 48); // in-range Q47.16 values
            yield return random.NextInt64(-(1L << 20), 1L << 20);
        }
    }

    [Fact]
    public void Product_of_two_values_equals_the_reference()
    {
        var multiply = Compile("a * b");
        var operands = Operands(seed: 7).ToArray();
        var checkedPairs = 0;
        foreach (var a in operands)
            foreach (var b in operands)
            {
                Assert.True(Q.Mul(a, b) == multiply(a, b), $"{a} * {b}: IL {multiply(a, b)}, Q.Mul {Q.Mul(a, b)}");
                checkedPairs++;
            }
        Assert.True(checkedPairs > 20_000, $"only {checkedPairs} pairs");
    }

    [Theory]
    [InlineData("0.5")]      // one power of two below one: a shift
    [InlineData("1.5")]      // an integer part and one power of two
    [InlineData("0.3")]      // a general fraction
    [InlineData("3")]        // an integer
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("2.75")]
    [InlineData("0.0000152587890625")] // raw 1
    [InlineData("12345.6789")]
    [InlineData("-2.25")]
    [InlineData("-0.3")]
    public void Product_with_a_constant_equals_the_reference(string constant)
    {
        var raw = (long)Math.Round(decimal.Parse(constant, CultureInfo.InvariantCulture) * Q.One, MidpointRounding.AwayFromZero);
        var left = Compile($"a * {constant}");
        var right = Compile($"{constant} * a");
        foreach (var a in Operands(seed: constant.Length))
        {
            Assert.True(Q.Mul(a, raw) == left(a, 0), $"{a} * {constant}: IL {left(a, 0)}, Q.Mul {Q.Mul(a, raw)}");
            Assert.True(Q.Mul(raw, a) == right(a, 0), $"{constant} * {a}: IL {right(a, 0)}, Q.Mul {Q.Mul(raw, a)}");
        }
    }
}
