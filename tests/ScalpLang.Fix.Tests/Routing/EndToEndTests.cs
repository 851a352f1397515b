using ScalpLang.Fix.Venue;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>A compiled example trading on the paper exchange over a real loopback FIX session.</summary>
public sealed class EndToEndTests
{
    [Theory]
    [InlineData("FIX.4.4")]
    [InlineData("FIX.4.2")]
    public async Task Passive_market_maker_trades_on_the_paper_exchange_and_its_fills_match_the_exchange_record(string beginString)
    {
        // 20x real time: 20,000 events (about 40 s of data) in about 2 s, slow enough for the strategy to keep up.
        await using var harness = new PaperExchangeHarness(speed: 20m, beginString: beginString);
        var result = harness.RunStrategy(Strategies.Example("passive_market_maker.scalp"), out _);
        var error = await harness.Exchange.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(error);
        Assert.Equal(LiveRunFailure.None, result.Failure);
        Assert.Contains("the venue ended the session", result.EndReason, StringComparison.Ordinal);
        var summary = result.Summary!;
        Assert.True(summary.Orders > 0, "the strategy sent no order");
        Assert.True(summary.Fills > 0, "nothing filled");
        Assert.Equal(harness.Exchange.OrdersReceived, result.OrdersSent);
        // The run's fills are the exchange's, one for one: same order, ids, sides, prices, quantities.
        var exchangeFills = harness.Exchange.Fills;
        Assert.Equal(exchangeFills.Count, result.Fills.Count);
        Assert.Equal(exchangeFills.Count, (int)summary.Fills);
        for (var i = 0; i < exchangeFills.Count; i++)
        {
            var (ours, theirs) = (result.Fills[i], exchangeFills[i]);
            Assert.Equal((theirs.ClOrdId, theirs.ExecId, theirs.Side, theirs.PriceTicks, theirs.Lots, theirs.Fee),
                (ours.ClOrdId, ours.ExecId, ours.Side, ours.PriceTicks, ours.Lots, ours.Fee));
        }
        Assert.Empty(result.Problems);
    }
}
