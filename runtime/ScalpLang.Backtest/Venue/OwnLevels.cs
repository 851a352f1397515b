namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The price levels of one side holding own resting orders, best first, in a small sorted array:
/// a strategy rests at a handful of prices, so a linear scan beats a tree, and the array is
/// reused (it grows by doubling, never shrinks).
/// </summary>
internal sealed class OwnLevels(bool isBid)
{
    internal struct Level
    {
        public long Price;

        /// <summary>Own orders here, oldest first (slots in <see cref="OwnOrderBook"/>'s pool).</summary>
        public int Head;

        public int Tail;

        /// <summary>
        /// Trade volume already applied to our queue here that the feed's L2 level has not yet
        /// shown as a decrease; the decrease it explains is not a cancel.
        /// </summary>
        public long PendingTrade;
    }

    private Level[] _levels = new Level[8];

    public int Count { get; private set; }

    public ref Level this[int index] => ref _levels[index];

    /// <summary>True when <paramref name="a"/> is a strictly worse price than <paramref name="b"/> for this side.</summary>
    public bool IsWorse(long a, long b) => isBid ? a < b : a > b;

    public int IndexOf(long price)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_levels[i].Price == price)
                return i;
        }
        return -1;
    }

    public int FindOrInsert(long price)
    {
        int i = 0;
        while (i < Count && IsWorse(price, _levels[i].Price))
            i++;
        if (i < Count && _levels[i].Price == price)
            return i;
        if (Count == _levels.Length)
            Array.Resize(ref _levels, _levels.Length * 2);
        Array.Copy(_levels, i, _levels, i + 1, Count - i);
        _levels[i] = new Level { Price = price, Head = OwnOrderBook.None, Tail = OwnOrderBook.None };
        Count++;
        return i;
    }

    public void RemoveAt(int index)
    {
        Array.Copy(_levels, index + 1, _levels, index, Count - index - 1);
        Count--;
        _levels[Count] = default;
    }
}
