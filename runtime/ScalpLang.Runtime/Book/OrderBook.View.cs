using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

// The read side of the book: the aggregated (L2) view, the queues, and the invariant check tests
// use. Kept apart from the updates so each file has one job.
public sealed partial class OrderBook
{
    public bool TryGetBest(Side side, out BookLevel best)
    {
        BookSide book = SideOf(side);
        if (book.Best == None)
        {
            best = default;
            return false;
        }
        ref BookSide.Level level = ref book[book.Best];
        best = new BookLevel(new Price(level.Price), new Quantity(level.Size));
        return true;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first; returns how many.</summary>
    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        BookSide book = SideOf(side);
        int count = 0;
        for (int slot = book.Best; slot != None && count < destination.Length; slot = book[slot].Worse)
            destination[count++] = new BookLevel(new Price(book[slot].Price), new Quantity(book[slot].Size));
        return count;
    }

    public long CumulativeDepth(Side side, Span<long> cumulativeQ16)
    {
        BookSide book = SideOf(side);
        long sum = 0;
        int count = 0;
        for (int slot = book.Best; slot != None && count < cumulativeQ16.Length; slot = book[slot].Worse)
        {
            sum += book[slot].Size << 16;
            cumulativeQ16[count++] = sum;
        }
        cumulativeQ16[count..].Fill(sum);
        return book.Best == None ? 0 : book[book.Best].Price << 16;
    }

    /// <summary>The level <paramref name="index"/> places from the best (0 = best), in O(index).</summary>
    public bool TryGetLevel(Side side, int index, out BookLevel level)
    {
        BookSide book = SideOf(side);
        int slot = book.Best;
        for (int i = 0; i < index && slot != None; i++)
            slot = book[slot].Worse;
        if (slot == None || index < 0)
        {
            level = default;
            return false;
        }
        level = new BookLevel(new Price(book[slot].Price), new Quantity(book[slot].Size));
        return true;
    }

    /// <summary>How many places from the best <paramref name="price"/> is (0 = best), looking at most <paramref name="maxLevels"/> deep; -1 if not there.</summary>
    public int IndexOfLevel(Side side, Price price, int maxLevels)
    {
        BookSide book = SideOf(side);
        int index = 0;
        for (int slot = book.Best; slot != None && index < maxLevels; slot = book[slot].Worse, index++)
        {
            if (book[slot].Price == price.Ticks)
                return index;
        }
        return -1;
    }

    public Quantity SizeAt(Side side, Price price)
    {
        BookSide book = SideOf(side);
        int slot = book.Find(price.Ticks);
        return new Quantity(slot == None ? 0 : book[slot].Size);
    }

    /// <summary>The part of a level's size that belongs to no known order (it queues first).</summary>
    public Quantity UnattributedAt(Side side, Price price)
    {
        BookSide book = SideOf(side);
        int slot = book.Find(price.Ticks);
        return new Quantity(slot == None ? 0 : book[slot].Unattributed);
    }

    /// <summary>Copies the known orders at a level in queue (FIFO) order; returns how many.</summary>
    public int CopyOrders(Side side, Price price, Span<RestingOrder> destination)
    {
        BookSide book = SideOf(side);
        int levelSlot = book.Find(price.Ticks);
        if (levelSlot == None)
            return 0;
        int count = 0;
        for (int slot = book[levelSlot].Head; slot != None && count < destination.Length; slot = _orders[slot].Next)
            destination[count++] = new RestingOrder(_orders[slot].Id, side, price, new Quantity(_orders[slot].Size));
        return count;
    }

    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        if (!_index.TryGetValue(orderId, out int slot))
        {
            order = default;
            return false;
        }
        ref OrderNode node = ref _orders[slot];
        var price = new Price(SideOf(node.Side)[node.Level].Price);
        order = new RestingOrder(node.Id, node.Side, price, new Quantity(node.Size));
        return true;
    }

    /// <summary>Checks every structural invariant (sizes add up, links, balance); for tests.</summary>
    internal void Validate()
    {
        int orders = 0;
        foreach (BookSide book in (ReadOnlySpan<BookSide>)[_bids, _asks])
        {
            book.Validate();
            for (int levelSlot = book.Best; levelSlot != None; levelSlot = book[levelSlot].Worse)
            {
                ref BookSide.Level level = ref book[levelSlot];
                long sum = level.Unattributed;
                int count = 0, previous = None;
                for (int slot = level.Head; slot != None; slot = _orders[slot].Next)
                {
                    ref OrderNode order = ref _orders[slot];
                    if (order.Prev != previous || order.Level != levelSlot || order.Size <= 0 || _index[order.Id] != slot)
                        throw new InvalidOperationException($"order {order.Id}: broken queue entry");
                    sum += order.Size;
                    count++;
                    previous = slot;
                }
                if (sum != level.Size || count != level.OrderCount || previous != level.Tail)
                    throw new InvalidOperationException($"level {level.Price}: size or queue does not add up");
                orders += count;
            }
        }
        if (orders != _index.Count)
            throw new InvalidOperationException($"{_index.Count} indexed orders, {orders} queued");
    }
}
