using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// Displayed liquidity our own orders have already taken but the replayed feed (which never saw
/// our orders) still shows. A level offers <c>displayed - debit</c> until the feed replaces it:
/// the debit never exceeds what the level displays (it is cut to the displayed size after every
/// change there) and is forgotten when the level empties. So executions by others at that price
/// leave the debit in place (in our world they took the lots behind the ones we took), and size
/// added later is new liquidity on top of it; we never fill the same lots twice. A few entries
/// at a time (levels we hit recently), so a small array with linear search.
/// </summary>
internal sealed class LiquidityDebits
{
    private (Side Side, long Price, long Lots)[] _entries = new (Side, long, long)[8];
    private int _count;

    public int Count => _count;

    public long Get(Side side, long price)
    {
        int i = IndexOf(side, price);
        return i < 0 ? 0 : _entries[i].Lots;
    }

    public void Add(Side side, long price, long lots)
    {
        if (lots <= 0)
            return;
        int i = IndexOf(side, price);
        if (i >= 0)
        {
            _entries[i].Lots += lots;
            return;
        }
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count++] = (side, price, lots);
    }

    /// <summary>The level now displays <paramref name="displayed"/> lots: the debit cannot be more (zero forgets it).</summary>
    public void Clamp(Side side, long price, long displayed)
    {
        int i = IndexOf(side, price);
        if (i < 0 || _entries[i].Lots <= displayed)
            return;
        if (displayed <= 0)
            _entries[i] = _entries[--_count];
        else
            _entries[i].Lots = displayed;
    }

    private int IndexOf(Side side, long price)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Price == price && _entries[i].Side == side)
                return i;
        }
        return -1;
    }
}
