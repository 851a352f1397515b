using System.Runtime.InteropServices;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

/// <summary>
/// An order-by-order (L3) limit order book that keeps its aggregated (L2) view up to date on
/// every event: each price level holds its total size and a FIFO queue of the orders resting
/// there (time priority), and the levels of each side are ordered best first.
/// <para>
/// Complexity, L = levels on the event's side, N = levels asked for:
/// add O(log L) (find or create the level); cancel, execute and delete O(1) by order id, plus
/// O(log L) when the level empties; best bid/ask O(1); top N levels O(N); size at a price O(log L).
/// Orders and levels live in pooled arrays and the id index is a pre-sized dictionary whose freed
/// entries are reused, so once warmed up to the session's peak no event allocates.
/// </para>
/// <para>
/// Orders the book never saw added (resting before the data starts, or covered by a snapshot)
/// are accounted for by each level's unattributed size: cancels, deletes and executions of
/// unknown ids take their size from it, so the aggregated level stays right.
/// </para>
/// </summary>
public sealed partial class OrderBook : IMarketDataHandler, IBookView
{
    private const int None = BookSide.None;

    private struct OrderNode
    {
        public long Id;
        public long Size;
        public int Level;
        public int Prev;
        public int Next;
        public Side Side;
    }

    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private readonly Dictionary<long, int> _index;
    private OrderNode[] _orders;
    private int _usedOrders;
    private int _freeOrder = None;

    /// <param name="orderCapacity">Expected peak of resting orders; pools grow past it by doubling.</param>
    /// <param name="levelCapacity">Expected peak of price levels per side.</param>
    public OrderBook(int orderCapacity = 4096, int levelCapacity = 256)
    {
        _bids = new BookSide(Side.Buy, levelCapacity);
        _asks = new BookSide(Side.Sell, levelCapacity);
        _index = new Dictionary<long, int>(orderCapacity);
        _orders = new OrderNode[Math.Max(orderCapacity, 4)];
    }

    /// <summary>Known (attributed) resting orders.</summary>
    public int OrderCount => _index.Count;

    /// <summary>Outcome of the last event delivered through <see cref="IMarketDataHandler"/>.</summary>
    public BookUpdateOutcome LastOutcome { get; private set; }

    public int LevelCount(Side side) => SideOf(side).Count;

    // ---- L3 updates ----------------------------------------------------------------------

    public BookUpdateOutcome Add(long orderId, Side side, Price price, Quantity size)
    {
        if (size.Lots <= 0 || !IsSide(side))
            return BookUpdateOutcome.Invalid;
        ref int indexed = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, orderId, out bool exists);
        if (exists)
            return BookUpdateOutcome.DuplicateOrderId;
        BookSide book = SideOf(side);
        int levelSlot = book.FindOrInsert(price.Ticks);
        int slot = AllocateOrder();
        indexed = slot;

        ref BookSide.Level level = ref book[levelSlot];
        _orders[slot] = new OrderNode
        {
            Id = orderId,
            Size = size.Lots,
            Level = levelSlot,
            Prev = level.Tail,
            Next = None,
            Side = side,
        };
        if (level.Tail != None)
            _orders[level.Tail].Next = slot;
        else
            level.Head = slot;
        level.Tail = slot;
        level.OrderCount++;
        level.Size += size.Lots;
        return BookUpdateOutcome.Applied;
    }

    /// <summary>Partial cancel: the order shrinks and keeps its queue position; at zero it leaves.</summary>
    public BookUpdateOutcome Cancel(long orderId, Side side, Price price, Quantity size) =>
        Reduce(orderId, side, price, size.Lots);

    /// <summary>
    /// Execution against a resting order; for the book the same as a partial cancel. Price-time
    /// priority means it is normally the level's front order, but the source names the order,
    /// so that order is the one reduced.
    /// </summary>
    public BookUpdateOutcome Execute(long orderId, Side side, Price price, Quantity size) =>
        Reduce(orderId, side, price, size.Lots);

    /// <summary>
    /// Removes the whole order. <paramref name="size"/> (what the source says it still had) is
    /// used only when the order id is unknown, to take that much from the level's unattributed size.
    /// </summary>
    public BookUpdateOutcome Delete(long orderId, Side side, Price price, Quantity size)
    {
        if (!IsSide(side))
            return BookUpdateOutcome.Invalid;
        if (!_index.TryGetValue(orderId, out int slot))
            return size.Lots <= 0 ? BookUpdateOutcome.Invalid : ReduceUnattributed(side, price, size.Lots);
        ref OrderNode order = ref _orders[slot];
        BookSide book = SideOf(order.Side);
        if (order.Side != side || book[order.Level].Price != price.Ticks)
            return BookUpdateOutcome.OrderMismatch;
        book[order.Level].Size -= order.Size;
        RemoveOrder(slot, book);
        return BookUpdateOutcome.Applied;
    }

    // ---- L2 updates ----------------------------------------------------------------------

    /// <summary>
    /// Sets the total size at a price (zero removes the level). The level's known orders are
    /// dropped: an aggregate update says nothing about which of them are still there.
    /// </summary>
    public BookUpdateOutcome SetLevel(Side side, Price price, Quantity size) => SetLevel(side, price, size, out _);

    /// <summary>
    /// <see cref="SetLevel(Side, Price, Quantity)"/> that also gives the level's total before the
    /// update (0 when the side had no level there): one search where a caller would need two.
    /// </summary>
    public BookUpdateOutcome SetLevel(Side side, Price price, Quantity size, out long before)
    {
        before = 0;
        if (size.Lots < 0 || !IsSide(side))
            return BookUpdateOutcome.Invalid;
        BookSide book = SideOf(side);
        if (size.Lots == 0)
        {
            int found = book.Find(price.Ticks);
            if (found != None)
            {
                before = book[found].Size;
                RemoveLevel(book, found);
            }
            return BookUpdateOutcome.Applied;
        }
        int levelSlot = book.FindOrInsert(price.Ticks);
        DropOrders(book, levelSlot);
        ref BookSide.Level level = ref book[levelSlot];
        before = level.Size;
        level.Unattributed = size.Lots;
        level.Size = size.Lots;
        return BookUpdateOutcome.Applied;
    }

    /// <summary>
    /// Makes the best levels of <paramref name="side"/> equal to a depth snapshot (best first):
    /// levels better than the snapshot's last one that it does not list are removed, and every
    /// listed level is set to its snapshot size as unattributed size. Listed levels lose their
    /// known orders even when the size already agrees: equal totals do not prove the same orders
    /// (two 100-share orders swap places all day). <paramref name="complete"/> says the snapshot
    /// lists every level the side has, so all levels past it are removed too. Cost
    /// O((S + R) log L) for S snapshot levels and R removed ones.
    /// </summary>
    public void SyncTop(Side side, ReadOnlySpan<BookLevel> snapshot, bool complete)
    {
        BookSide book = SideOf(side);
        int slot = book.Best;
        int i = 0;
        while (slot != None)
        {
            int next = book[slot].Worse;
            if (i == snapshot.Length)
            {
                if (!complete)
                    break;
                RemoveLevel(book, slot);
                slot = next;
                continue;
            }
            int rank = book.Rank(book[slot].Price, snapshot[i].Price.Ticks);
            if (rank < 0)
            {
                RemoveLevel(book, slot); // better than a level the snapshot lists: gone
                slot = next;
            }
            else
            {
                SetLevel(side, snapshot[i].Price, snapshot[i].Size); // same price, or a level we lacked
                if (rank == 0)
                    slot = next;
                i++;
            }
        }
        for (; i < snapshot.Length; i++)
            SetLevel(side, snapshot[i].Price, snapshot[i].Size);
    }

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        _index.Clear();
        _usedOrders = 0;
        _freeOrder = None;
    }

    // ---- events --------------------------------------------------------------------------

    public BookUpdateOutcome Apply(in BookOrderAdded e) => Add(e.OrderId, e.Side, e.Price, e.Size);

    public BookUpdateOutcome Apply(in BookOrderCancelled e) => Cancel(e.OrderId, e.Side, e.Price, e.CancelledSize);

    public BookUpdateOutcome Apply(in BookOrderDeleted e) => Delete(e.OrderId, e.Side, e.Price, e.Size);

    public BookUpdateOutcome Apply(in BookOrderExecuted e) => Execute(e.OrderId, e.Side, e.Price, e.ExecutedSize);

    public BookUpdateOutcome Apply(in BookLevelUpdated e) => SetLevel(e.Side, e.Price, e.Size);

    void IMarketDataHandler.OnOrderAdded(in BookOrderAdded e) => LastOutcome = Apply(e);

    void IMarketDataHandler.OnOrderCancelled(in BookOrderCancelled e) => LastOutcome = Apply(e);

    void IMarketDataHandler.OnOrderDeleted(in BookOrderDeleted e) => LastOutcome = Apply(e);

    void IMarketDataHandler.OnOrderExecuted(in BookOrderExecuted e) => LastOutcome = Apply(e);

    void IMarketDataHandler.OnLevelUpdated(in BookLevelUpdated e) => LastOutcome = Apply(e);

    // Hidden and cross trades leave the visible book as it is; a halt does not clear it either.
    void IMarketDataHandler.OnTrade(in TradeTick e) => LastOutcome = BookUpdateOutcome.Applied;

    void IMarketDataHandler.OnTradingStatus(in TradingStatusChanged e) => LastOutcome = BookUpdateOutcome.Applied;

    // ---- internals -----------------------------------------------------------------------

    private static bool IsSide(Side side) => side is Side.Buy or Side.Sell;

    private BookSide SideOf(Side side) => side == Side.Buy ? _bids : _asks;

    private BookUpdateOutcome Reduce(long orderId, Side side, Price price, long size)
    {
        if (size <= 0 || !IsSide(side))
            return BookUpdateOutcome.Invalid;
        if (!_index.TryGetValue(orderId, out int slot))
            return ReduceUnattributed(side, price, size);
        ref OrderNode order = ref _orders[slot];
        BookSide book = SideOf(order.Side);
        ref BookSide.Level level = ref book[order.Level];
        if (order.Side != side || level.Price != price.Ticks)
            return BookUpdateOutcome.OrderMismatch;
        if (size > order.Size)
            return BookUpdateOutcome.SizeExceedsOrder;
        order.Size -= size;
        level.Size -= size;
        if (order.Size == 0)
            RemoveOrder(slot, book);
        return BookUpdateOutcome.Applied;
    }

    private BookUpdateOutcome ReduceUnattributed(Side side, Price price, long size)
    {
        BookSide book = SideOf(side);
        int levelSlot = book.Find(price.Ticks);
        if (levelSlot == None || book[levelSlot].Unattributed < size)
            return BookUpdateOutcome.UnknownOrder;
        ref BookSide.Level level = ref book[levelSlot];
        level.Unattributed -= size;
        level.Size -= size;
        if (level.Size == 0)
            book.Remove(levelSlot);
        return BookUpdateOutcome.AppliedToUnattributed;
    }

    /// <summary>Unqueues an order whose size has already left its level's total.</summary>
    private void RemoveOrder(int slot, BookSide book)
    {
        ref OrderNode order = ref _orders[slot];
        int levelSlot = order.Level;
        ref BookSide.Level level = ref book[levelSlot];
        if (order.Prev != None)
            _orders[order.Prev].Next = order.Next;
        else
            level.Head = order.Next;
        if (order.Next != None)
            _orders[order.Next].Prev = order.Prev;
        else
            level.Tail = order.Prev;
        level.OrderCount--;
        _index.Remove(order.Id);
        FreeOrder(slot);
        if (level.Size == 0)
            book.Remove(levelSlot);
    }

    private void RemoveLevel(BookSide book, int levelSlot)
    {
        DropOrders(book, levelSlot);
        book.Remove(levelSlot);
    }

    /// <summary>Forgets a level's known orders, keeping its size as unattributed.</summary>
    private void DropOrders(BookSide book, int levelSlot)
    {
        ref BookSide.Level level = ref book[levelSlot];
        for (int slot = level.Head; slot != None;)
        {
            int next = _orders[slot].Next;
            _index.Remove(_orders[slot].Id);
            FreeOrder(slot);
            slot = next;
        }
        level.Head = level.Tail = None;
        level.OrderCount = 0;
        level.Unattributed = level.Size;
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
            Array.Resize(ref _orders, _orders.Length * 2);
        return _usedOrders++;
    }

    private void FreeOrder(int slot)
    {
        _orders[slot].Next = _freeOrder;
        _freeOrder = slot;
    }
}
