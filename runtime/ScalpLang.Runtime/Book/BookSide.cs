using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

/// <summary>
/// The price levels of one side. Levels sit in a pooled array and are indexed twice: an AVL
/// tree keyed by price (to find a price, or the neighbours of a new one) and a best-first doubly
/// linked list threaded through the same nodes (best level and top-N walks without searching).
/// <para>
/// Complexity, L = levels on this side: find O(log L); insert or remove a level O(log L); best
/// level O(1); next-worse level O(1). Slots are recycled through a free list, so once the pool
/// has grown to the session's peak level count nothing is allocated. The AVL height stays under
/// 1.45 log2(L), so the recursion below is shallow (under 45 frames for 2^30 levels).
/// </para>
/// </summary>
internal sealed class BookSide
{
    internal const int None = -1;

    internal struct Level
    {
        public long Price;

        /// <summary>Displayed size: <see cref="Unattributed"/> plus the sizes of the known orders.</summary>
        public long Size;

        /// <summary>
        /// Size known only in aggregate (a snapshot, an L2 update, orders resting before the data
        /// started). It was placed before any order the book saw added here, so it counts as the
        /// front of the queue.
        /// </summary>
        public long Unattributed;

        public int OrderCount;

        /// <summary>FIFO of known orders (order slots), oldest first.</summary>
        public int Head;

        public int Tail;

        /// <summary>Neighbours in price order; <see cref="None"/> past the best or the worst level.</summary>
        public int Better;

        public int Worse;

        public int Left;

        public int Right;

        public int Height;
    }

    private readonly bool _isBid;
    private Level[] _levels;
    private int _used;
    private int _free = None;
    private int _root = None;

    public BookSide(Side side, int capacity)
    {
        Side = side;
        _isBid = side == Side.Buy;
        _levels = new Level[Math.Max(capacity, 4)];
    }

    public Side Side { get; }

    /// <summary>Slot of the best level, or <see cref="None"/> when the side is empty.</summary>
    public int Best { get; private set; } = None;

    public int Count { get; private set; }

    /// <summary>A level by slot; the reference is valid until the next insertion (which may grow the pool).</summary>
    public ref Level this[int slot] => ref _levels[slot];

    /// <summary>Negative when price <paramref name="a"/> is better than <paramref name="b"/>: higher for bids, lower for asks.</summary>
    public int Rank(long a, long b) => _isBid ? b.CompareTo(a) : a.CompareTo(b);

    /// <summary>
    /// The last slot found or made for each price modulo 64: feeds touch a handful of prices near
    /// the touch over and over, and a hit costs two loads where the tree search costs a branch
    /// per level. A slot is trusted only while it is in use and still holds that price.
    /// </summary>
    private readonly int[] _recent = new int[RecentSlots];

    private const int RecentSlots = 64;

    /// <summary>The price a recycled slot holds, which no level has.</summary>
    private const long FreedPrice = long.MinValue;

    public int Find(long price)
    {
        int recent = _recent[(int)price & (RecentSlots - 1)];
        if ((uint)recent < (uint)_used && _levels[recent].Price == price)
            return recent;
        int node = _root;
        while (node != None)
        {
            ref Level level = ref _levels[node];
            int c = Rank(price, level.Price);
            if (c == 0)
            {
                _recent[(int)price & (RecentSlots - 1)] = node;
                return node;
            }
            node = c < 0 ? level.Left : level.Right;
        }
        return None;
    }

    public int FindOrInsert(long price)
    {
        int found = Find(price);
        if (found != None)
            return found;
        int slot = Allocate(price);
        int better = None, worse = None;
        _root = Insert(_root, slot, price, ref better, ref worse);
        ref Level level = ref _levels[slot];
        level.Better = better;
        level.Worse = worse;
        if (better != None)
            _levels[better].Worse = slot;
        else
            Best = slot;
        if (worse != None)
            _levels[worse].Better = slot;
        Count++;
        _recent[(int)price & (RecentSlots - 1)] = slot;
        return slot;
    }

    /// <summary>Unlinks an (already emptied) level and recycles its slot.</summary>
    public void Remove(int slot)
    {
        _root = RemoveNode(_root, _levels[slot].Price);
        ref Level level = ref _levels[slot];
        if (level.Better != None)
            _levels[level.Better].Worse = level.Worse;
        else
            Best = level.Worse;
        if (level.Worse != None)
            _levels[level.Worse].Better = level.Better;
        level.Left = _free;
        level.Price = FreedPrice;
        _free = slot;
        Count--;
    }

    public void Clear()
    {
        _used = 0;
        _free = None;
        _root = None;
        Best = None;
        Count = 0;
    }

    private int Allocate(long price)
    {
        int slot;
        if (_free != None)
        {
            slot = _free;
            _free = _levels[slot].Left;
        }
        else
        {
            if (_used == _levels.Length)
                Array.Resize(ref _levels, _levels.Length * 2);
            slot = _used++;
        }
        _levels[slot] = new Level
        {
            Price = price,
            Head = None,
            Tail = None,
            Better = None,
            Worse = None,
            Left = None,
            Right = None,
            Height = 1,
        };
        return slot;
    }

    // The last node where the descent turns left is the nearest worse level, the last where it
    // turns right the nearest better one: exactly the new level's list neighbours.
    private int Insert(int node, int slot, long price, ref int better, ref int worse)
    {
        if (node == None)
            return slot;
        if (Rank(price, _levels[node].Price) < 0)
        {
            worse = node;
            int child = Insert(_levels[node].Left, slot, price, ref better, ref worse);
            _levels[node].Left = child;
        }
        else
        {
            better = node;
            int child = Insert(_levels[node].Right, slot, price, ref better, ref worse);
            _levels[node].Right = child;
        }
        return Balance(node);
    }

    // Removal relinks nodes instead of copying the successor's contents into the removed node:
    // orders refer to their level by slot, so a level must never move.
    private int RemoveNode(int node, long price)
    {
        if (node == None)
            return None;
        int c = Rank(price, _levels[node].Price);
        if (c < 0)
        {
            _levels[node].Left = RemoveNode(_levels[node].Left, price);
        }
        else if (c > 0)
        {
            _levels[node].Right = RemoveNode(_levels[node].Right, price);
        }
        else
        {
            int left = _levels[node].Left, right = _levels[node].Right;
            if (right == None)
                return left;
            int min = right;
            while (_levels[min].Left != None)
                min = _levels[min].Left;
            _levels[min].Right = RemoveMin(right);
            _levels[min].Left = left;
            return Balance(min);
        }
        return Balance(node);
    }

    private int RemoveMin(int node)
    {
        if (_levels[node].Left == None)
            return _levels[node].Right;
        _levels[node].Left = RemoveMin(_levels[node].Left);
        return Balance(node);
    }

    private int Height(int node) => node == None ? 0 : _levels[node].Height;

    private void FixHeight(int node)
    {
        ref Level level = ref _levels[node];
        level.Height = 1 + Math.Max(Height(level.Left), Height(level.Right));
    }

    private int RotateRight(int node)
    {
        int pivot = _levels[node].Left;
        _levels[node].Left = _levels[pivot].Right;
        _levels[pivot].Right = node;
        FixHeight(node);
        FixHeight(pivot);
        return pivot;
    }

    private int RotateLeft(int node)
    {
        int pivot = _levels[node].Right;
        _levels[node].Right = _levels[pivot].Left;
        _levels[pivot].Left = node;
        FixHeight(node);
        FixHeight(pivot);
        return pivot;
    }

    private int Balance(int node)
    {
        FixHeight(node);
        int left = _levels[node].Left, right = _levels[node].Right;
        int balance = Height(right) - Height(left);
        if (balance == 2)
        {
            if (Height(_levels[right].Left) > Height(_levels[right].Right))
                _levels[node].Right = RotateRight(right);
            return RotateLeft(node);
        }
        if (balance == -2)
        {
            if (Height(_levels[left].Right) > Height(_levels[left].Left))
                _levels[node].Left = RotateLeft(left);
            return RotateRight(node);
        }
        return node;
    }

    /// <summary>Checks the AVL and list invariants; for tests.</summary>
    internal void Validate()
    {
        int count = 0;
        int previous = None;
        for (int slot = Best; slot != None; slot = _levels[slot].Worse)
        {
            ref Level level = ref _levels[slot];
            if (level.Better != previous)
                throw new InvalidOperationException($"level {level.Price}: broken Better link");
            if (previous != None && Rank(_levels[previous].Price, level.Price) >= 0)
                throw new InvalidOperationException($"level {level.Price}: out of order");
            if (level.Size <= 0)
                throw new InvalidOperationException($"level {level.Price}: empty level kept");
            if (Find(level.Price) != slot)
                throw new InvalidOperationException($"level {level.Price}: not found in the tree");
            previous = slot;
            count++;
        }
        if (count != Count)
            throw new InvalidOperationException($"list has {count} levels, Count is {Count}");
        CheckHeights(_root);
    }

    private int CheckHeights(int node)
    {
        if (node == None)
            return 0;
        int left = CheckHeights(_levels[node].Left), right = CheckHeights(_levels[node].Right);
        if (Math.Abs(left - right) > 1 || _levels[node].Height != 1 + Math.Max(left, right))
            throw new InvalidOperationException($"level {_levels[node].Price}: AVL balance broken");
        return 1 + Math.Max(left, right);
    }
}
