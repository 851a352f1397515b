using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Backtest.Reports;

/// <summary>A closed round trip with the lots it opened (P&amp;L in Q47.16 tick-lots, as the portfolio booked it).</summary>
public readonly record struct ReportTrip(long OpenedAt, long ClosedAt, long Lots, long PnlQ16)
{
    /// <summary>P&amp;L per lot, in ticks.</summary>
    public decimal Ticks => Lots == 0 ? 0 : (decimal)PnlQ16 / Q.One / Lots;
}

/// <summary>The average markout at one horizon over the fills that have one; <see cref="Unresolved"/> fills' horizons ran past the data.</summary>
public readonly record struct MarkoutStat(long HorizonNs, int Fills, int Unresolved, decimal? AverageTicks);

/// <summary>
/// The report of a run: the §6 summary plus average win and loss (ticks per lot, over round
/// trips; losses are trips with P&amp;L &lt;= 0, as in the win rate, given as a positive size),
/// turnover, time in market, markouts and kill events, and the data the HTML charts draw.
/// Money is exact: tick-lots x tick size x lot size, in decimal.
/// </summary>
public sealed record BacktestReport(
    BacktestSummary Summary,
    decimal TickSize,
    decimal TickValue,
    decimal Capital,
    long FirstTs,
    long LastTs,
    decimal AvgWinTicks,
    decimal AvgLossTicks,
    decimal Turnover,
    long TurnoverLots,
    long TimeInMarketNs,
    IReadOnlyList<MarkoutStat> Markouts,
    IReadOnlyList<KillEvent> Kills,
    IReadOnlyList<OwnFill> Fills,
    IReadOnlyList<ReportTrip> Trips,
    IReadOnlyList<SeriesPoint> Series)
{
    /// <summary>Fraction of the data's time span with an open position.</summary>
    public double TimeInMarket => LastTs > FirstTs ? TimeInMarketNs / (double)(LastTs - FirstTs) : 0;

    /// <summary>Q47.16 tick-lots in the instrument's currency.</summary>
    public decimal Money(long q16) => (decimal)q16 / Q.One * TickValue;

    /// <summary>A Q47.16 price in ticks as a price in the instrument's currency.</summary>
    public decimal Price(long q16) => (decimal)q16 / Q.One * TickSize;

    public static BacktestReport Build(BacktestSummary summary, ReportRecorder recorder, IReadOnlyList<RoundTrip> roundTrips,
        decimal tickSize, decimal tickValue, decimal capital)
    {
        var trips = new ReportTrip[roundTrips.Count];
        for (var i = 0; i < trips.Length; i++)
        {
            // The recorder mirrors the portfolio's round trips; without it (no observer) lots are unknown.
            var lots = i < recorder.RoundTripLots.Count ? recorder.RoundTripLots[i] : 0;
            trips[i] = new ReportTrip(roundTrips[i].OpenedAt, roundTrips[i].ClosedAt, lots, roundTrips[i].PnlTickLots);
        }
        var wins = trips.Where(t => t.PnlQ16 > 0).Select(t => t.Ticks).ToList();
        var losses = trips.Where(t => t.PnlQ16 <= 0).Select(t => -t.Ticks).ToList();
        return new BacktestReport(summary, tickSize, tickValue, capital, recorder.FirstTs, recorder.LastTs,
            wins.Count == 0 ? 0 : wins.Average(), losses.Count == 0 ? 0 : losses.Average(),
            recorder.TurnoverTickLots * tickValue, recorder.TurnoverLots, recorder.TimeInMarketNs,
            MarkoutStats(recorder), [.. recorder.Kills], [.. recorder.Fills], trips, recorder.Series());
    }

    private static MarkoutStat[] MarkoutStats(ReportRecorder recorder)
    {
        var markouts = recorder.Markouts;
        var stats = new MarkoutStat[markouts.HorizonsNs.Count];
        for (var h = 0; h < stats.Length; h++)
        {
            long sum = 0; // Q47.16 ticks: exact
            var count = 0;
            for (var f = 0; f < recorder.Fills.Count; f++)
            {
                var value = markouts.Value(f, h);
                if (value == MarkoutTracker.None)
                    continue;
                sum += value;
                count++;
            }
            stats[h] = new MarkoutStat(markouts.HorizonsNs[h], count, recorder.Fills.Count - count,
                count == 0 ? null : (decimal)sum / Q.One / count);
        }
        return stats;
    }
}
