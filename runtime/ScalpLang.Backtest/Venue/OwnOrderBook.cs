using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>Receives the maker fills a <see cref="OwnOrderBook.Sweep"/> produces.</summary>
internal interface IMakerFillSink
{
    void OnMakerFill(long orderId, Side side, long priceTicks, long lots, long leavesLots);
}

/// <summary>
/// Our resting orders and their queue positions. Each order knows <c>Ahead</c>: the foreign
/// (market) size queued before it at its price. Own orders at one price form one FIFO among
/// themselves (an earlier own order is ahead of a later one), so an order's place in the whole
/// queue is its own <c>Ahead</c> plus the leaves of the own orders before it. Orders live in a
/// pooled array with a free list and an id index sized up front: no allocation per event.
/// </summary>
internal sealed class OwnOrderBook
{
    internal const int None = -1;

    private struct Order
    {
        public long Id;
        public long Price;
        public long Lots;
        public long Filled;
        public long Ahead;

        /// <summary>Arrival order among all book additions (foreign and own), for "was this ahead of us".</summary>
        public long Seq;

        public int Prev;
        public int Next;
        public Side Side;

        public readonly long Leaves => Lots - Filled;
    }

    private readonly OwnLevels _bids = new(isBid: true);
    private readonly OwnLevels _asks = new(isBid: false);
    private readonly Dictionary<long, int> _index;
    private Order[] _orders;
    private int _used;
    private int _free = None;

    public OwnOrderBook(int capacity)
    {
        _index = new Dictionary<long, int>(capacity);
        _orders = new Order[Math.Max(capacity, 4)];
    }

    public int Count => _index.Count;

    public bool IsEmpty => _index.Count == 0;

    public bool Contains(long orderId) => _index.ContainsKey(orderId);

    public bool HasLevel(Side side, long price) => SideOf(side).IndexOf(price) >= 0;

    public bool TryGetBest(Side side, out long price, out long orderId)
    {
        OwnLevels levels = SideOf(side);
        if (levels.Count == 0)
        {
            price = orderId = 0;
            return false;
        }
        price = levels[0].Price;
        orderId = _orders[levels[0].Head].Id;
        return true;
    }

    public bool TryGet(long orderId, out OwnOrderState state)
    {
        if (!_index.TryGetValue(orderId, out int slot))
        {
            state = default;
            return false;
        }
        ref Order o = ref _orders[slot];
        state = new OwnOrderState(o.Id, o.Side, o.Price, o.Lots, o.Filled, o.Leaves, o.Ahead, IsLive: true);
        return true;
    }

    /// <summary>Queues an order at the back of its price's own FIFO, behind <paramref name="ahead"/> foreign lots.</summary>
    public void Add(long orderId, Side side, long price, long lots, long filled, long ahead, long seq)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.FindOrInsert(price);
        int slot = Allocate();
        ref OwnLevels.Level level = ref levels[li];
        _orders[slot] = new Order
        {
            Id = orderId,
            Side = side,
            Price = price,
            Lots = lots,
            Filled = filled,
            Ahead = ahead,
            Seq = seq,
            Prev = level.Tail,
            Next = None,
        };
        if (level.Tail != None)
            _orders[level.Tail].Next = slot;
        else
            level.Head = slot;
        level.Tail = slot;
        _index.Add(orderId, slot);
    }

    /// <summary>Takes an order out (a cancel); returns its leaves, or -1 when it is not resting.</summary>
    public long Remove(long orderId)
    {
        if (!_index.TryGetValue(orderId, out int slot))
            return -1;
        long leaves = _orders[slot].Leaves;
        Unlink(slot);
        return leaves;
    }

    /// <summary>Ids of every resting order: bids best first, then asks, each level oldest first (a stable order for cancel-all reports).</summary>
    public void CopyIds(List<long> into)
    {
        foreach (OwnLevels levels in (ReadOnlySpan<OwnLevels>)[_bids, _asks])
        {
            for (int li = 0; li < levels.Count; li++)
            {
                for (int slot = levels[li].Head; slot != None; slot = _orders[slot].Next)
                    into.Add(_orders[slot].Id);
            }
        }
    }

    /// <summary>
    /// Aggressor volume <paramref name="volume"/> hits <paramref name="restingSide"/> at
    /// <paramref name="price"/>: our levels at that price or better are walked best first, and at
    /// each the volume goes down the merged queue (foreign ahead, own order, foreign ahead of the
    /// next own order, ...). Order i of a level, with A its foreign ahead and R the leaves of the
    /// own orders before it, fills <c>clamp(V - A - R, 0, leaves)</c> and its ahead shrinks by the
    /// foreign part the volume consumed before it. Volume is conserved: lots given to us are lots
    /// the aggressor does not take from the market. Returns the lots we filled.
    /// </summary>
    public long Sweep(Side restingSide, long price, long volume, IMakerFillSink sink)
    {
        OwnLevels levels = SideOf(restingSide);
        long total = 0;
        int li = 0;
        while (li < levels.Count && volume > 0 && !levels.IsWorse(levels[li].Price, price))
        {
            long levelPrice = levels[li].Price;
            long ownFilled = 0, ownBefore = 0, foreignUsed = 0;
            for (int slot = levels[li].Head; slot != None;)
            {
                ref Order o = ref _orders[slot];
                int next = o.Next;
                long leaves = o.Leaves;
                long fill = Math.Clamp(volume - o.Ahead - ownBefore, 0, leaves);
                foreignUsed = Math.Min(o.Ahead, volume - ownFilled);
                o.Ahead -= foreignUsed;
                ownBefore += leaves;
                if (fill > 0)
                {
                    o.Filled += fill;
                    ownFilled += fill;
                    sink.OnMakerFill(o.Id, o.Side, levelPrice, fill, o.Leaves);
                    if (o.Leaves == 0)
                        UnlinkOrder(slot, levels, li);
                }
                slot = next;
            }
            total += ownFilled;
            volume -= ownFilled + foreignUsed;
            if (levels[li].Head == None)
                levels.RemoveAt(li);
            else
                li++;
        }
        return total;
    }

    /// <summary>
    /// L3: <paramref name="lots"/> of a foreign order left the queue at a price (cancel or delete).
    /// Only our orders that arrived after it (<c>Seq</c> greater than <paramref name="foreignSeq"/>)
    /// move up; orders added after ours were behind us. Size the book never saw added counts as
    /// the front of the queue (<paramref name="foreignSeq"/> = -1).
    /// </summary>
    public void ForeignLeft(Side side, long price, long lots, long foreignSeq)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.IndexOf(price);
        if (li < 0)
            return;
        for (int slot = levels[li].Head; slot != None; slot = _orders[slot].Next)
        {
            ref Order o = ref _orders[slot];
            if (o.Seq > foreignSeq)
                o.Ahead -= Math.Min(o.Ahead, lots);
        }
    }

    /// <summary>
    /// L2: <paramref name="cancelled"/> lots left a level of <paramref name="foreignBefore"/>
    /// foreign lots without a trade, and the feed cannot say where from; <paramref name="rule"/> decides.
    /// </summary>
    public void ForeignCancelledL2(Side side, long price, long cancelled, long foreignBefore, L2CancelRule rule)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.IndexOf(price);
        if (li < 0 || cancelled <= 0 || foreignBefore <= 0)
            return;
        for (int slot = levels[li].Head; slot != None; slot = _orders[slot].Next)
        {
            ref Order o = ref _orders[slot];
            long moveUp = rule == L2CancelRule.ProRata
                ? (long)((Int128)cancelled * o.Ahead / foreignBefore)
                : Math.Max(0, cancelled - (foreignBefore - o.Ahead));
            o.Ahead -= Math.Min(o.Ahead, moveUp);
        }
    }

    /// <summary>No order can have more foreign size ahead than the level holds.</summary>
    public void ClampAhead(Side side, long price, long foreignSize)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.IndexOf(price);
        if (li < 0)
            return;
        for (int slot = levels[li].Head; slot != None; slot = _orders[slot].Next)
        {
            ref Order o = ref _orders[slot];
            if (o.Ahead > foreignSize)
                o.Ahead = Math.Max(0, foreignSize);
        }
    }

    public void AddPendingTrade(Side side, long price, long lots)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.IndexOf(price);
        if (li >= 0)
            levels[li].PendingTrade += lots;
    }

    /// <summary>The part of an L2 decrease of <paramref name="decrease"/> lots that trades already explained.</summary>
    public long TakePendingTrade(Side side, long price, long decrease)
    {
        OwnLevels levels = SideOf(side);
        int li = levels.IndexOf(price);
        if (li < 0)
            return 0;
        long taken = Math.Min(levels[li].PendingTrade, decrease);
        levels[li].PendingTrade -= taken;
        return taken;
    }

    private OwnLevels SideOf(Side side) => side == Side.Buy ? _bids : _asks;

    private void Unlink(int slot)
    {
        OwnLevels levels = SideOf(_orders[slot].Side);
        int li = levels.IndexOf(_orders[slot].Price);
        UnlinkOrder(slot, levels, li);
        if (levels[li].Head == None)
            levels.RemoveAt(li);
    }

    /// <summary>Unlinks an order from its level's FIFO, leaving an emptied level for the caller to remove.</summary>
    private void UnlinkOrder(int slot, OwnLevels levels, int li)
    {
        ref Order o = ref _orders[slot];
        ref OwnLevels.Level level = ref levels[li];
        if (o.Prev != None)
            _orders[o.Prev].Next = o.Next;
        else
            level.Head = o.Next;
        if (o.Next != None)
            _orders[o.Next].Prev = o.Prev;
        else
            level.Tail = o.Prev;
        _index.Remove(o.Id);
        o.Next = _free;
        _free = slot;
    }

    private int Allocate()
    {
        if (_free != None)
        {
            int slot = _free;
            _free = _orders[slot].Next;
            return slot;
        }
        if (_used == _orders.Length)
            Array.Resize(ref _orders, _orders.Length * 2);
        return _used++;
    }
}
