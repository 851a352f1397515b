using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// Market-data latency in the strategy's view (--md-latency): the strategy sees the market as it
/// was one latency ago, decides at its local time, and its order reaches the venue after the
/// order-entry latency, where the book is the exchange's current one.
/// </summary>
public sealed class MarketDataLatencyTests
{
    private const long Ms = 1_000_000;
    private static readonly Instrument X = new("X", 0.01m, 1m, "USD");
    private const string Watcher = "strategy W\n" + StrategyKit.Header + "rule never priority 1 when bid < 0 => wait\n";

    private static (List<(long Ts, long Bid, long Ask, long Position)> Events, BacktestSummary Summary) Trace(DataSpec data, string? mdLatency)
    {
        var trace = new ViewTrace();
        var venue = new VenueChoice(LatencyModel.Zero, LatencyModel.Zero, FeeSchedule.Zero,
            MarketData: mdLatency is null ? null : LatencyModel.Parse(mdLatency));
        var report = BacktestRunner.RunWithReport(StrategyKit.Start(Watcher), data, out var error, venue: venue,
            started: engine => engine.RunObserver = new Tee(engine.RunObserver!, trace));
        Assert.Null(error);
        return (trace.Events, report.Summary);
    }

    /// <summary>Both the report's recorder and the test's trace watch the run.</summary>
    private sealed class Tee(IRunObserver a, IRunObserver b) : IRunObserver
    {
        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position)
        {
            a.OnEventEnd(ts, bidQ16, askQ16, equityQ16, position);
            b.OnEventEnd(ts, bidQ16, askQ16, equityQ16, position);
        }

        public void OnFill(in OwnFill fill)
        {
            a.OnFill(in fill);
            b.OnFill(in fill);
        }

        public void OnKill(long ts, string reason)
        {
            a.OnKill(ts, reason);
            b.OnKill(ts, reason);
        }
    }

    public static TheoryData<string> Sources() => new() { "synthetic", "goog" };

    [Theory]
    [MemberData(nameof(Sources))]
    public void The_delayed_view_is_the_feed_shifted_by_the_latency(string source)
    {
        DataSpec data;
        if (source == "goog")
        {
            if (StrategyKit.Goog() is not { } goog)
                return;
            data = new DataSpec(DataKind.Lobster, goog);
        }
        else
        {
            Assert.True(DataSpec.TryParse("synthetic:seed=5,events=30000", out data, out _));
        }
        var (now, nowSummary) = Trace(data, null);
        var (late, lateSummary) = Trace(data, "const:5ms");
        // Every event the strategy saw late is the one it would have seen at once, 5 ms later;
        // the events of the last 5 ms of the data never reach it.
        var unseen = lateSummary.AtEnd!.UnseenEvents;
        Assert.True(unseen > 0, $"unseen {unseen}");
        Assert.Equal(now.Count, late.Count + unseen);
        Assert.Equal(nowSummary.Events, lateSummary.Events + unseen);
        for (var i = 0; i < late.Count; i++)
        {
            var expected = (now[i].Ts + 5 * Ms, now[i].Bid, now[i].Ask);
            Assert.True(expected == (late[i].Ts, late[i].Bid, late[i].Ask), $"event {i}: {expected} expected, {late[i]} seen");
        }
        Assert.True(late[^1].Ts <= now[^1].Ts && now[late.Count].Ts + 5 * Ms > now[^1].Ts, $"last seen {late[^1].Ts}, first unseen {now[late.Count].Ts}, last {now[^1].Ts}");
    }
}
