using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Execution;

/// <summary>
/// A parent order sliced into child orders (grammar/README.md §3.5). Both algorithms release
/// children at the same times: the first now, then one every D / N. <c>twap</c> sends equal
/// children (the remainder of the division on the first). <c>vwap</c> follows the market's
/// volume: the first child is a twap share, child k (1 ≤ k &lt; N - 1) is
/// floor(parent × V_k / V_ref), where V_k is the volume the market traded since the previous
/// child and V_ref the volume it traded over the D before the order (the forecast), capped at
/// what remains; the last child sends all that remains. With no volume before the order vwap
/// slices like twap.
/// </summary>
public sealed class SliceSchedule
{
    private readonly long _start;
    private readonly long _step;
    private readonly long _volumeRef;
    private long _totalAtLast;
    private int _next;

    private SliceSchedule(Side side, SliceAlgorithm algorithm, long parentLots, int slices, long start, long over, long volumeRef, long totalNow)
    {
        Side = side;
        Algorithm = algorithm;
        ParentLots = parentLots;
        Slices = slices;
        _start = start;
        _step = over / slices;
        _volumeRef = volumeRef;
        _totalAtLast = totalNow;
    }

    public Side Side { get; }
    public SliceAlgorithm Algorithm { get; }
    public long ParentLots { get; }
    public int Slices { get; }
    public long Released { get; private set; }
    public bool Done => _next >= Slices;

    /// <summary>When the next child is due (Unix ns); meaningless once <see cref="Done"/>.</summary>
    public long NextDue => _start + _next * _step;

    /// <param name="slices">N, at least 1 (the language allows 1..1000).</param>
    /// <param name="over">D in ns.</param>
    public static SliceSchedule Start(Side side, SliceAlgorithm algorithm, long parentLots, int slices, long now, long over, TradeVolumeHistory volume)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(over);
        ArgumentOutOfRangeException.ThrowIfNegative(parentLots);
        long reference = algorithm == SliceAlgorithm.Vwap ? volume.VolumeBefore(now, over) : 0;
        return new SliceSchedule(side, algorithm, parentLots, slices, now, over, reference, volume.Total);
    }

    /// <summary>The next child's size in lots (0 is possible: nothing to send this time); advances the schedule.</summary>
    public long TakeNext(long marketTotal)
    {
        if (Done)
            throw new InvalidOperationException("the schedule is complete");
        int k = _next++;
        long remaining = ParentLots - Released;
        long size;
        if (k == Slices - 1)
            size = remaining;
        else if (Algorithm != SliceAlgorithm.Vwap || _volumeRef <= 0 || k == 0)
            size = ParentLots / Slices + (k == 0 && (Algorithm != SliceAlgorithm.Vwap || _volumeRef <= 0) ? ParentLots % Slices : 0);
        else
            size = (long)Int128.Min(remaining, (Int128)ParentLots * (marketTotal - _totalAtLast) / _volumeRef);
        _totalAtLast = marketTotal;
        size = Math.Min(size, remaining);
        Released += size;
        return size;
    }
}
