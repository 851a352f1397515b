namespace ScalpLang.Backtest.Reports;

/// <summary>One sampled event: exchange time (Unix ns), mid (Q47.16 ticks, 0 when the book is one-sided), equity and drawdown (Q47.16 tick-lots).</summary>
public readonly record struct SeriesPoint(long Ts, long MidQ16, long EquityQ16, long DrawdownQ16);

/// <summary>
/// Keeps at most <see cref="Capacity"/> evenly spaced events of a run of any length: every
/// <c>stride</c>-th event is kept; when the buffer is full every other kept point is dropped and
/// the stride doubles. The last event is always kept too. No allocation after construction.
/// </summary>
public sealed class SeriesSampler
{
    private readonly SeriesPoint[] _points;
    private int _count;
    private long _stride = 1;
    private long _seen;
    private SeriesPoint _last;

    public SeriesSampler(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _points = new SeriesPoint[capacity];
    }

    public int Capacity => _points.Length;

    public void Add(in SeriesPoint point)
    {
        _last = point;
        if (_seen++ % _stride != 0)
            return;
        if (_count == _points.Length)
        {
            // Keep points 0, 2, 4, ...: still every (2 x stride)-th event from the first.
            _count = (_count + 1) / 2;
            for (var i = 1; i < _count; i++)
                _points[i] = _points[2 * i];
            _stride *= 2;
            if ((_seen - 1) % _stride != 0)
                return;
        }
        _points[_count++] = point;
    }

    /// <summary>The kept points in time order, ending with the last event seen.</summary>
    public SeriesPoint[] ToArray()
    {
        if (_seen == 0)
            return [];
        var lastKept = (_seen - 1) % _stride == 0;
        var result = new SeriesPoint[_count + (lastKept ? 0 : 1)];
        Array.Copy(_points, result, _count);
        if (!lastKept)
            result[^1] = _last;
        return result;
    }
}
