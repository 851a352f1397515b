using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Reports;

/// <summary>A kill-switch engagement: exchange time (Unix ns) and the decision that engaged it.</summary>
public readonly record struct KillEvent(long Ts, string Reason);

/// <summary>
/// Records a run for its report (set as <see cref="BacktestEngine.RunObserver"/>): a downsampled
/// mid / equity / drawdown series, every fill, markouts, kill events, time in market, turnover
/// and the lots of each round trip. Memory: the sampler's fixed buffer plus a few longs per fill.
/// </summary>
public sealed class ReportRecorder : IRunObserver
{
    /// <summary>The markout horizons of the report: 100 ms, 1 s and 5 s.</summary>
    public static readonly long[] DefaultHorizonsNs = [100_000_000, 1_000_000_000, 5_000_000_000];

    public const int DefaultMaxPoints = 2000;

    private readonly List<OwnFill> _fills = [];
    private readonly List<KillEvent> _kills = [];
    private readonly List<long> _tripLots = [];
    private readonly SeriesSampler _series;
    private readonly MarkoutTracker _markouts;
    private long _equityPeak = long.MinValue;
    private long _lastTs;
    private long _lastPosition;
    private long _position; // from our fills, to size round trips as the portfolio closes them
    private long _openedLots;

    public ReportRecorder(int maxPoints = DefaultMaxPoints, IReadOnlyList<long>? horizonsNs = null)
    {
        _series = new SeriesSampler(maxPoints);
        _markouts = new MarkoutTracker(horizonsNs ?? DefaultHorizonsNs, _fills);
    }

    public long Events { get; private set; }
    public long FirstTs { get; private set; }
    public long LastTs => _lastTs;
    /// <summary>Time with a non-zero position after an event, until the next event (ns).</summary>
    public long TimeInMarketNs { get; private set; }
    /// <summary>Traded value: sum of price x lots over our fills, in tick-lots.</summary>
    public long TurnoverTickLots { get; private set; }
    public long TurnoverLots { get; private set; }
    public IReadOnlyList<OwnFill> Fills => _fills;
    public IReadOnlyList<KillEvent> Kills => _kills;
    /// <summary>Lots opened in each closed round trip, in the portfolio's order of round trips.</summary>
    public IReadOnlyList<long> RoundTripLots => _tripLots;
    public MarkoutTracker Markouts => _markouts;

    public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position)
    {
        if (Events++ == 0)
            FirstTs = ts;
        else if (_lastPosition != 0)
            TimeInMarketNs += ts - _lastTs;
        _lastTs = ts;
        _lastPosition = position;
        var mid = bidQ16 > 0 && askQ16 > 0 ? (bidQ16 + askQ16) / 2 : 0;
        _equityPeak = Math.Max(_equityPeak, equityQ16);
        _series.Add(new SeriesPoint(ts, mid, equityQ16, _equityPeak - equityQ16));
        if (_fills.Count > 0)
            _markouts.OnEvent(ts, mid);
    }

    public void OnFill(in OwnFill fill)
    {
        _fills.Add(fill);
        _markouts.FillAdded();
        TurnoverTickLots += fill.PriceTicks * fill.Lots;
        TurnoverLots += fill.Lots;
        TrackRoundTrip(fill.Side == Side.Buy ? fill.Lots : -fill.Lots);
    }

    public void OnKill(long ts, string reason) => _kills.Add(new KillEvent(ts, reason));

    /// <summary>The sampled series (at most about maxPoints + 1 points).</summary>
    public SeriesPoint[] Series() => _series.ToArray();

    /// <summary>Mirrors <c>Portfolio.OnFill</c>'s round trips: flat to flat, or through zero (the rest opens the next).</summary>
    private void TrackRoundTrip(long signed)
    {
        if (_position == 0 || Math.Sign(_position) == Math.Sign(signed))
        {
            _openedLots += Math.Abs(signed);
            _position += signed;
            return;
        }
        var remaining = _position + signed;
        if (remaining == 0 || Math.Sign(remaining) != Math.Sign(_position))
        {
            _tripLots.Add(_openedLots);
            _openedLots = Math.Abs(remaining);
        }
        _position = remaining;
    }
}
