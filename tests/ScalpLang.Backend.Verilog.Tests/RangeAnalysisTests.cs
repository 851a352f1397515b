using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>Range inference: widths from input widths, param ranges and operators; 64 bits only where the IL can wrap.</summary>
public sealed class RangeAnalysisTests
{
    private static (IrProgram Program, RangeAnalysis.Result Result) Infer(string body, int depth = 5)
    {
        var program = Strategies.Lower($"""
            strategy R
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth {depth}
            {body}
            """);
        return (program, RangeAnalysis.Infer(program, depth));
    }

    private static ValueRange Signal(string body, string name)
    {
        var (program, result) = Infer(body);
        return result.Ranges[program.Signals[name].Id];
    }

    [Fact]
    public void Best_prices_are_31_bit_ticks_in_Q47_16()
    {
        var range = Signal("signal s: price = bid\nrule r priority 1 when s > 0 => wait", "s");
        Assert.Equal(48, range.SignedWidth);
        Assert.False(range.Wraps);
    }

    [Fact]
    public void A_spread_needs_one_more_bit_than_a_price()
    {
        var range = Signal("signal s: ticks = spread\nrule r priority 1 when s > 0 => wait", "s");
        Assert.Equal(-(long)int.MaxValue << 16, (long)range.Lo);
        Assert.Equal(48, range.SignedWidth);
    }

    [Fact]
    public void Imbalance_stays_narrow_because_whole_lots_keep_the_divisor_from_zero()
    {
        var range = Signal("signal s = imbalance(levels: 5)\nrule r priority 1 when s > 0 => wait", "s");
        Assert.False(range.Wraps);
        Assert.True(range.SignedWidth < 64, $"width {range.SignedWidth}");
    }

    [Fact]
    public void A_price_times_a_size_can_wrap_and_says_so()
    {
        var (program, result) = Infer("signal s: price = microprice\nrule r priority 1 when s > 0 => wait");
        Assert.True(result.Ranges[program.Signals["s"].Id].Wraps);
        Assert.Contains(result.FullWidthCauses, c => c.Why.Contains("wraps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_param_without_a_range_forces_full_width_and_is_named()
    {
        var (_, result) = Infer("param k: ratio = 2\nrule r priority 1 when spread * k > 1 => wait");
        Assert.Contains(result.FullWidthCauses, c => c.Why == "param 'k' declares no range");
    }

    [Fact]
    public void A_ranged_param_is_as_wide_as_its_range()
    {
        var (program, result) = Infer("param k: ratio = 2 in 1..3\nrule r priority 1 when spread * k > 1 => wait");
        var param = program.Nodes.OfType<IrParam>().Single();
        Assert.Equal(19, result.Ranges[param.Id].SignedWidth);
        Assert.Empty(result.FullWidthCauses);
    }

    [Fact]
    public void Division_by_a_range_that_holds_zero_is_bounded_by_the_dividend()
    {
        var (program, result) = Infer("param a: lots = 1 in -10..10\nparam b: ratio = 1 in -2..2\nrule r priority 1 when a / b > 1 lot => wait");
        var divide = program.Nodes.OfType<IrOperation>().Single(o => o.Op == IrOp.Divide);
        // |a| <= 10 lots = 655360 raw; the divisor's smallest non-zero magnitude is one raw step.
        Assert.Equal((655360L << 16) * -1, (long)result.Ranges[divide.Id].Lo);
        Assert.False(result.Ranges[divide.Id].Wraps);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(1, 2)]
    [InlineData(-2, 2)]
    [InlineData(65535, 17)]
    [InlineData(-65536, 17)]
    [InlineData(long.MaxValue, 64)]
    [InlineData(long.MinValue, 64)]
    public void Signed_widths(long value, int width) => Assert.Equal(width, ValueRange.Exactly(value).SignedWidth);
}
