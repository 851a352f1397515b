using System.Text.Json;
using ScalpLang.Backtest.Reports;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Backtest.Tests.Reports;

/// <summary>The recorder's statistics and markouts on a hand-built run, against hand-computed values.</summary>
public sealed class ReportRecorderTests
{
    private const long Ms = 1_000_000;
    private static long Q16(decimal ticks) => (long)(ticks * Q.One);

    /// <summary>
    /// Eleven events and four fills (ts in ms; bid/ask in ticks; equity in tick-lots; position):
    ///   e0   0  100/102  1000    0
    ///   A   10  buy 2 @ 102
    ///   e1  10  101/103  1000    2
    ///   e2  60  102/104  1002    2
    ///   e3 120  103/105  1004    2
    ///   B  500  sell 2 @ 103     (round trip 1: (103 - 102) x 2 = +2 tick-lots over 2 lots: +1 tick per lot)
    ///   e4 500  103/104  1002    0
    ///   e5 700    -/104  1002    0   one-sided: no mid, resolves nothing
    ///   e6 800  100/101  1002    0
    ///   C  900  sell 1 @ 100
    ///   e7 900  100/101  1001.5 -1
    ///   D 1010  buy 1 @ 103      (round trip 2: (100 - 103) x 1 = -3 tick-lots: -3 ticks per lot)
    ///   e8 1010 101/103   999    0
    ///   e9 1600 101/102   999    0
    ///   e10 6000 101/103  999    0   the data ends
    /// Markouts (mid at the first two-sided event at or after fill + h; buy: mid - price, sell: price - mid):
    ///   100 ms: A@110 -> e3 104: +2;  B@600 -> e6 100.5: +2.5;  C@1000 -> e8 102: -2;  D@1110 -> e9 101.5: -1.5
    ///           sum 1, 4 fills: +0.25
    ///   1 s:    A@1010 -> e8 102: 0;   B@1500 -> e9 101.5: +1.5;  C@1900 -> e10 102: -2;  D@2010 -> e10 102: -1
    ///           sum -1.5 / 4 = -0.375
    ///   5 s:    A@5010 -> e10: 0;  B@5500 -> e10: +1;  C@5900 -> e10: -2;  D@6010: past the data end
    ///           sum -1 / 3 = -0.3333..., 1 unresolved
    /// Time in market: e1..e2 50 + e2..e3 60 + e3..e4 380 + e7..e8 110 = 600 ms of 6000 ms = 0.1.
    /// Turnover: 102 x 2 + 103 x 2 + 100 + 103 = 613 tick-lots, 6 lots; x 0.01 x 1 = 6.13.
    /// Average win: +1 tick per lot (trip 1); average loss: 3 ticks per lot (trip 2).
    /// Drawdown: the peak is 1004 (e3); the low 999 (e8..e10): 5 tick-lots.
    /// </summary>
    private static (ReportRecorder Recorder, Portfolio Portfolio) Record(int maxPoints = 100)
    {
        var recorder = new ReportRecorder(maxPoints);
        var portfolio = new Portfolio(1000);
        void Event(long ms, decimal bid, decimal ask, decimal equity, long position) =>
            recorder.OnEventEnd(ms * Ms, Q16(bid), Q16(ask), Q16(equity), position);
        void Fill(long ms, Side side, long price, long lots)
        {
            var fill = new OwnFill(ms * Ms, side, price, lots);
            portfolio.OnFill(fill.Ts, side, price, lots);
            recorder.OnFill(in fill);
        }
        Event(0, 100, 102, 1000, 0);
        Fill(10, Side.Buy, 102, 2);
        Event(10, 101, 103, 1000, 2);
        Event(60, 102, 104, 1002, 2);
        Event(120, 103, 105, 1004, 2);
        Fill(500, Side.Sell, 103, 2);
        Event(500, 103, 104, 1002, 0);
        Event(700, 0, 104, 1002, 0);
        Event(800, 100, 101, 1002, 0);
        Fill(900, Side.Sell, 100, 1);
        Event(900, 100, 101, 1001.5m, -1);
        Fill(1010, Side.Buy, 103, 1);
        recorder.OnKill(1010 * Ms, "stop");
        Event(1010, 101, 103, 999, 0);
        Event(1600, 101, 102, 999, 0);
        Event(6000, 101, 103, 999, 0);
        return (recorder, portfolio);
    }

    private static BacktestReport Report(int maxPoints = 100)
    {
        var (recorder, portfolio) = Record(maxPoints);
        var summary = new BacktestSummary("Hand", 11, 4, 0, 4, 2, -0.01m, 0m, -0.01m, 0.5, 0.05m, 0, 0, true, 1010 * Ms, "stop", 0, 0);
        return BacktestReport.Build(summary, recorder, portfolio.RoundTrips, 0.01m, 0.01m, 10m);
    }

    [Fact]
    public void Markouts_use_the_first_two_sided_event_at_or_after_each_horizon()
    {
        var (recorder, _) = Record();
        long[][] expected = [[Q16(2), 0, 0], [Q16(2.5m), Q16(1.5m), Q16(1)], [Q16(-2), Q16(-2), Q16(-2)], [Q16(-1.5m), Q16(-1), MarkoutTracker.None]];
        for (var f = 0; f < 4; f++)
            for (var h = 0; h < 3; h++)
                Assert.True(expected[f][h] == recorder.Markouts.Value(f, h), $"fill {f} horizon {h}: {recorder.Markouts.Value(f, h)}");
    }

    [Fact]
    public void Report_statistics_match_the_hand_computed_values()
    {
        var report = Report();
        Assert.Equal([new MarkoutStat(100 * Ms, 4, 0, 0.25m), new MarkoutStat(1000 * Ms, 4, 0, -0.375m), new MarkoutStat(5000 * Ms, 3, 1, -1m / 3)],
            report.Markouts);
        Assert.Equal(600 * Ms, report.TimeInMarketNs);
        Assert.Equal(0.1, report.TimeInMarket, 12);
        Assert.Equal(6.13m, report.Turnover);
        Assert.Equal(6, report.TurnoverLots);
        Assert.Equal(1m, report.AvgWinTicks);
        Assert.Equal(3m, report.AvgLossTicks);
        Assert.Equal([new ReportTrip(10 * Ms, 500 * Ms, 2, Q16(2)), new ReportTrip(900 * Ms, 1010 * Ms, 1, Q16(-3))], report.Trips);
        Assert.Equal([new KillEvent(1010 * Ms, "stop")], report.Kills);
        Assert.Equal(Q16(5), report.Series.Max(p => p.DrawdownQ16));
        Assert.Equal(11, report.Series.Count);
        Assert.Equal(0, report.Series[5].MidQ16); // the one-sided event has no mid
        Assert.Equal(Q16(103.5m), report.Series[4].MidQ16);
    }

    [Fact]
    public void Report_json_keeps_the_summary_fields_and_adds_the_report_fields()
    {
        var report = Report();
        var root = JsonDocument.Parse(report.ToJson(includeTiming: false)).RootElement;
        foreach (var field in new[] { "strategy", "events", "orders", "fills", "round_trips", "gross_pnl", "fees", "net_pnl", "win_rate",
                                      "max_drawdown", "sharpe", "edge_ratio", "kill_switch" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.False(root.TryGetProperty("elapsed_ms", out _));
        Assert.Equal(1m, root.GetProperty("avg_win_ticks").GetDecimal());
        Assert.Equal(3m, root.GetProperty("avg_loss_ticks").GetDecimal());
        Assert.Equal(6.13m, root.GetProperty("turnover").GetDecimal());
        Assert.Equal(0.1, root.GetProperty("time_in_market").GetDouble());
        var markouts = root.GetProperty("markouts").EnumerateArray().ToList();
        Assert.Equal([100, 1000, 5000], markouts.Select(m => m.GetProperty("horizon_ms").GetInt64()));
        Assert.Equal([0.25m, -0.375m, -0.33333333m], markouts.Select(m => m.GetProperty("avg_ticks").GetDecimal()));
        Assert.Equal(1, markouts[2].GetProperty("unresolved").GetInt32());
        Assert.Equal("stop", root.GetProperty("kill_events")[0].GetProperty("reason").GetString());
        Assert.True(JsonDocument.Parse(report.ToJson()).RootElement.TryGetProperty("elapsed_ms", out _));
        Assert.Contains("markout 5 s", report.ToTable(), StringComparison.Ordinal);
        Assert.Contains("1 past the data end", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sampler_keeps_evenly_spaced_points_and_the_last_one()
    {
        var sampler = new SeriesSampler(4);
        for (var i = 0; i <= 10; i++)
            sampler.Add(new SeriesPoint(i, 0, 0, 0));
        // stride 1: 0 1 2 3; full at 4 -> 0 2 (stride 2) + 4, 6; full at 8 -> 0 4 (stride 4) + 8; 10 is the last.
        Assert.Equal([0L, 4, 8, 10], sampler.ToArray().Select(p => p.Ts));

        var big = new SeriesSampler(2000);
        for (var i = 0; i < 1_000_000; i++)
            big.Add(new SeriesPoint(i, 0, 0, 0));
        var points = big.ToArray();
        Assert.InRange(points.Length, 1000, 2001);
        Assert.Equal(0, points[0].Ts);
        Assert.Equal(999_999, points[^1].Ts);
        var steps = points.Zip(points.Skip(1), (a, b) => b.Ts - a.Ts).SkipLast(1).Distinct().ToList();
        Assert.Single(steps);
    }

    [Fact]
    public void Series_is_bounded_in_a_report()
    {
        var report = Report(maxPoints: 4);
        Assert.InRange(report.Series.Count, 2, 5);
        Assert.Equal(6000 * Ms, report.Series[^1].Ts);
        Assert.Equal(4, report.Fills.Count); // every fill is kept
    }

    [Fact]
    public void Recording_an_event_allocates_nothing()
    {
        var recorder = new ReportRecorder(maxPoints: 64);
        var fill = new OwnFill(0, Side.Buy, 100, 1);
        recorder.OnFill(in fill);
        for (var i = 0; i < 1000; i++) // warm up (tiering) and fill the sampler
            recorder.OnEventEnd(i * Ms, Q16(100), Q16(101), Q16(1000), 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < 101_000; i++)
            recorder.OnEventEnd(i * Ms, Q16(100), Q16(101 + i % 3), Q16(1000 - i % 7), i % 2);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
