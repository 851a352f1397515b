using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Reports;

/// <summary>
/// Markouts: for each fill and horizon h, the mid at the first event at or after fill time + h
/// that has a two-sided book, minus the fill price for a buy (the opposite for a sell), in Q47.16
/// ticks: positive is good for us. A fill whose horizon runs past the data has none
/// (<see cref="None"/>). Fills arrive in time order, so one cursor per horizon suffices.
/// </summary>
public sealed class MarkoutTracker
{
    /// <summary>No markout: the data ended before the horizon.</summary>
    public const long None = long.MinValue;

    private readonly long[] _horizonsNs;
    private readonly int[] _next;
    private readonly List<OwnFill> _fills;
    // _values[fill * horizons + h]: the markout, or None until resolved.
    private readonly List<long> _values = [];

    public MarkoutTracker(IReadOnlyList<long> horizonsNs, List<OwnFill> fills)
    {
        _horizonsNs = [.. horizonsNs];
        _next = new int[_horizonsNs.Length];
        _fills = fills;
    }

    public IReadOnlyList<long> HorizonsNs => _horizonsNs;

    /// <summary>Call after the fill was appended to the shared fill list.</summary>
    public void FillAdded()
    {
        for (var h = 0; h < _horizonsNs.Length; h++)
            _values.Add(None);
    }

    /// <summary>An event's end state: resolves every fill whose horizon this event reaches.</summary>
    public void OnEvent(long ts, long midQ16)
    {
        if (midQ16 == 0)
            return; // one-sided book: the next two-sided event resolves them
        for (var h = 0; h < _horizonsNs.Length; h++)
        {
            var i = _next[h];
            while (i < _fills.Count && _fills[i].Ts + _horizonsNs[h] <= ts)
            {
                var fill = _fills[i];
                var move = midQ16 - Q.FromInteger(fill.PriceTicks);
                _values[i * _horizonsNs.Length + h] = fill.Side == Side.Buy ? move : -move;
                i++;
            }
            _next[h] = i;
        }
    }

    /// <summary>Fill <paramref name="fill"/>'s markout at horizon index <paramref name="horizon"/> (Q47.16 ticks), or <see cref="None"/>.</summary>
    public long Value(int fill, int horizon) => _values[fill * _horizonsNs.Length + horizon];
}
