using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using ScalpLang.Backtest;

namespace ScalpLang.Sweeps.Orleans.Tests;

public sealed class SweepCodecTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(SweepOutcome).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_summary_crosses_the_wire_field_for_field()
    {
        var summary = new BacktestSummary("S", 49_481, 12, 3, 10, 5, 1.23456789012m, -0.0001m, 1.23446789012m, 0.6, 0.5m, 1.0 / 3, 0.000123m,
            true, 1_340_000_000_123, "circuit_breaker", 219, 225_000)
        { AtEnd = new EndSummary(-2, 580.125m, -0.37m, 1, 3, 0, 2, 7) };
        var outcome = new SweepOutcome(17, summary, null, "S127.0.0.1:11111:1");
        var copy = Serializer.Deserialize<SweepOutcome>(Serializer.SerializeToArray(outcome))!;
        Assert.Equal(outcome.Index, copy.Index);
        Assert.Equal(outcome.Silo, copy.Silo);
        Assert.Equal(summary, copy.Summary); // record equality: every field, the decimals' scale included in ToJson below
        Assert.Equal(summary.ToJson(), copy.Summary!.ToJson());
    }

    [Fact]
    public void A_work_item_crosses_the_wire_with_its_image_and_parameters_in_order()
    {
        var item = new SweepWorkItem(3, StrategyImage.From([1, 2, 3], "Scalp.X"), [new("b", -5), new("a", 1L << 40)], "synthetic:seed=1",
            new VenueSettings(null, "maker=-2bp,taker=3bp", null));
        var copy = Serializer.Deserialize<SweepWorkItem>(Serializer.SerializeToArray(item))!;
        Assert.Equal(item.Strategy.Bytes, copy.Strategy.Bytes);
        Assert.Equal(item.Strategy.Hash, copy.Strategy.Hash);
        Assert.Equal(item.Parameters, copy.Parameters);
        Assert.Equal(item.Data, copy.Data);
        Assert.Equal(item.Venue, copy.Venue);
    }

    [Fact]
    public void An_image_is_named_by_its_content()
    {
        Assert.Equal(StrategyImage.From([1, 2, 3], "A").Hash, StrategyImage.From([1, 2, 3], "B").Hash);
        Assert.NotEqual(StrategyImage.From([1, 2, 3], "A").Hash, StrategyImage.From([1, 2, 4], "A").Hash);
    }
}
