namespace ScalpLang.Backtest.Venue;

/// <summary>
/// A FIFO of items due at non-decreasing times (what an in-order <see cref="LatencyChannel"/>
/// produces), in a ring buffer that doubles when full and is reused after: no allocation per
/// item once warmed up.
/// </summary>
internal sealed class TimedQueue<T>(int capacity = 64)
    where T : struct
{
    private (long Due, T Item)[] _items = new (long, T)[Math.Max(capacity, 4)];
    private int _head;

    public int Count { get; private set; }

    /// <summary>When the first item is due; <see cref="long.MaxValue"/> when empty.</summary>
    public long NextDue => Count == 0 ? long.MaxValue : _items[_head].Due;

    public void Enqueue(long due, in T item)
    {
        if (Count == _items.Length)
            Grow();
        _items[(_head + Count) % _items.Length] = (due, item);
        Count++;
    }

    public bool TryDequeue(long now, out T item)
    {
        if (Count == 0 || _items[_head].Due > now)
        {
            item = default;
            return false;
        }
        item = _items[_head].Item;
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        Count--;
        return true;
    }

    private void Grow()
    {
        var larger = new (long, T)[_items.Length * 2];
        for (int i = 0; i < Count; i++)
            larger[i] = _items[(_head + i) % _items.Length];
        _items = larger;
        _head = 0;
    }
}
