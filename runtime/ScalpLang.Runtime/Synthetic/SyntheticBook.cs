using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The generator's own L3 book: every resting order it has emitted and not yet removed, so that
/// it can pick orders to cancel and execute. Fixed size: the orders sit in a pool of
/// <see cref="OrderCapacity"/> slots and each side's levels in a ring of <see cref="RingSize"/>
/// one-tick slots indexed by price modulo the ring. The generator keeps every live order of a
/// side within <see cref="RingSize"/> ticks (it pulls orders that fall far behind the market), so
/// prices never alias; nothing is allocated after construction, whatever the number of events.
/// </summary>
internal sealed class SyntheticBook
{
    public const int RingSize = 512;
    public const int None = -1;

    private const int Mask = RingSize - 1;

    private struct Order
    {
        /// <summary>0 while the slot is free (ids start at 1).</summary>
        public long Id;
        public long Lots;
        public long Price;
        public int Prev;
        public int Next;
        public Side Side;
    }

    /// <summary>One side's levels, indexed by <c>price &amp; Mask</c>.</summary>
    internal sealed class Half(bool isBid)
    {
        public readonly long[] Lots = new long[RingSize];
        public readonly int[] Head = new int[RingSize];
        public readonly int[] Tail = new int[RingSize];
        public readonly int[] Count = new int[RingSize];

        public bool IsBid { get; } = isBid;

        /// <summary>Best price; meaningful while <see cref="Levels"/> &gt; 0.</summary>
        public long Best { get; set; }

        /// <summary>Worst occupied price; meaningful while <see cref="Levels"/> &gt; 0.</summary>
        public long Far { get; set; }

        /// <summary>Occupied price levels.</summary>
        public int Levels { get; set; }

        /// <summary>Resting orders on this side.</summary>
        public int Orders { get; set; }

        /// <summary>+1 or -1: the direction of worse prices (down for bids).</summary>
        public int Worse => IsBid ? -1 : 1;

        /// <summary>The order at the front of the best level's queue; the side must not be empty.</summary>
        public int Front() => Head[Best & Mask];

        /// <summary>Orders within <paramref name="ticks"/> ticks of the best (the best level and the ones just behind it).</summary>
        public int OrdersNearBest(int ticks)
        {
            if (Levels == 0)
                return 0;
            int sum = 0;
            long price = Best;
            for (int i = 0; i < ticks; i++, price += Worse)
                sum += Count[price & Mask];
            return sum;
        }

        /// <summary>
        /// The front order of the worst level when that level is beyond <paramref name="limit"/>
        /// (below it for bids, above it for asks), else <see cref="None"/>.
        /// </summary>
        public int StaleOrder(long limit)
        {
            if (Levels == 0)
                return None;
            bool stale = IsBid ? Far < limit : Far > limit;
            return stale ? Head[Far & Mask] : None;
        }

        public void LevelEmptied(long price)
        {
            Levels--;
            if (Levels == 0)
                return;
            if (price == Best)
            {
                long p = price + Worse;
                while (Lots[p & Mask] == 0)
                    p += Worse;
                Best = p;
            }
            else if (price == Far)
            {
                long p = price - Worse;
                while (Lots[p & Mask] == 0)
                    p -= Worse;
                Far = p;
            }
        }
    }

    private readonly Order[] _orders;
    private int _usedOrders;
    private int _freeOrder = None;

    public SyntheticBook(int orderCapacity)
    {
        _orders = new Order[orderCapacity];
        Bids = new Half(isBid: true);
        Asks = new Half(isBid: false);
    }

    public Half Bids { get; }

    public Half Asks { get; }

    public int OrderCapacity => _orders.Length;

    public int LiveOrders { get; private set; }

    public int PeakLiveOrders { get; private set; }

    public bool IsFull => LiveOrders == _orders.Length;

    public Half Of(Side side) => side == Side.Buy ? Bids : Asks;

    public long IdAt(int slot) => _orders[slot].Id;

    public long LotsOf(int slot) => _orders[slot].Lots;

    public long PriceOf(int slot) => _orders[slot].Price;

    public Side SideOf(int slot) => _orders[slot].Side;

    /// <summary>True when the slot still holds the order with this id.</summary>
    public bool Holds(int slot, long id) => _orders[slot].Id == id;

    /// <summary>True when the order is the only one at its level.</summary>
    public bool IsAloneAtLevel(int slot) => _orders[slot].Prev == None && _orders[slot].Next == None;

    /// <summary>Adds an order at the back of its level; the book must not be full.</summary>
    public int Add(long id, Side side, long price, long lots)
    {
        Half half = Of(side);
        if (half.Levels == 0)
        {
            half.Best = price;
            half.Far = price;
        }
        else
        {
            long best = half.IsBid ? Math.Max(half.Best, price) : Math.Min(half.Best, price);
            long far = half.IsBid ? Math.Min(half.Far, price) : Math.Max(half.Far, price);
            if (Math.Abs(best - far) >= RingSize)
                throw new InvalidOperationException($"synthetic book: {side} levels would span {Math.Abs(best - far)} ticks");
            half.Best = best;
            half.Far = far;
        }
        int slot = AllocateOrder();
        int index = (int)(price & Mask);
        if (half.Lots[index] == 0)
        {
            half.Levels++;
            half.Head[index] = None;
            half.Tail[index] = None;
        }
        int tail = half.Tail[index];
        _orders[slot] = new Order { Id = id, Lots = lots, Price = price, Prev = tail, Next = None, Side = side };
        if (tail != None)
            _orders[tail].Next = slot;
        else
            half.Head[index] = slot;
        half.Tail[index] = slot;
        half.Lots[index] += lots;
        half.Count[index]++;
        half.Orders++;
        LiveOrders++;
        PeakLiveOrders = Math.Max(PeakLiveOrders, LiveOrders);
        return slot;
    }

    /// <summary>Takes <paramref name="lots"/> off an order (cancel or execution); at zero it leaves the book.</summary>
    public void Reduce(int slot, long lots)
    {
        ref Order order = ref _orders[slot];
        if (lots <= 0 || lots > order.Lots)
            throw new InvalidOperationException($"synthetic book: reducing order {order.Id} of {order.Lots} lots by {lots}");
        Half half = Of(order.Side);
        int index = (int)(order.Price & Mask);
        order.Lots -= lots;
        half.Lots[index] -= lots;
        if (order.Lots > 0)
            return;
        if (order.Prev != None)
            _orders[order.Prev].Next = order.Next;
        else
            half.Head[index] = order.Next;
        if (order.Next != None)
            _orders[order.Next].Prev = order.Prev;
        else
            half.Tail[index] = order.Prev;
        half.Count[index]--;
        half.Orders--;
        long price = order.Price;
        order.Id = 0;
        order.Next = _freeOrder;
        _freeOrder = slot;
        LiveOrders--;
        if (half.Lots[index] == 0)
            half.LevelEmptied(price);
    }

    /// <summary>
    /// Order number <paramref name="index"/> (0-based) counting from <paramref name="fromTicks"/>
    /// ticks behind the best outwards, level by level and front to back within a level: a
    /// uniform index picks a uniform order of that part of the side.
    /// </summary>
    public int FindOrder(Half half, int fromTicks, int index)
    {
        long price = half.Best + (long)fromTicks * half.Worse;
        for (long end = half.Far + half.Worse; price != end; price += half.Worse)
        {
            int count = half.Count[price & Mask];
            if (index >= count)
            {
                index -= count;
                continue;
            }
            int slot = half.Head[price & Mask];
            for (; index > 0; index--)
                slot = _orders[slot].Next;
            return slot;
        }
        throw new InvalidOperationException("synthetic book: order index past the side's orders");
    }

    private int AllocateOrder()
    {
        if (_freeOrder != None)
        {
            int slot = _freeOrder;
            _freeOrder = _orders[slot].Next;
            return slot;
        }
        if (_usedOrders == _orders.Length)
            throw new InvalidOperationException("synthetic book: order pool full");
        return _usedOrders++;
    }
}
