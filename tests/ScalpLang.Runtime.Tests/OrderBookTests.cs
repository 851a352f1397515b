using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests;

public sealed class OrderBookTests
{
    private static Price P(long ticks) => new(ticks);

    private static Quantity Q(long lots) => new(lots);

    private static BookLevel L(long ticks, long lots) => new(P(ticks), Q(lots));

    private static BookLevel[] Levels(OrderBook book, Side side, int depth = 10)
    {
        var levels = new BookLevel[depth];
        return levels[..book.CopyLevels(side, levels)];
    }

    private static long[] Queue(OrderBook book, Side side, long price)
    {
        var orders = new RestingOrder[64];
        int count = book.CopyOrders(side, P(price), orders);
        return [.. orders[..count].Select(o => o.OrderId)];
    }

    [Fact]
    public void Adds_aggregate_per_price_with_levels_best_first_on_each_side()
    {
        var book = new OrderBook();
        book.Add(1, Side.Buy, P(100), Q(10));
        book.Add(2, Side.Buy, P(102), Q(5));
        book.Add(3, Side.Buy, P(100), Q(7));
        book.Add(4, Side.Sell, P(105), Q(3));
        book.Add(5, Side.Sell, P(104), Q(2));
        book.Add(6, Side.Sell, P(109), Q(1));

        Assert.Equal([L(102, 5), L(100, 17)], Levels(book, Side.Buy));
        Assert.Equal([L(104, 2), L(105, 3), L(109, 1)], Levels(book, Side.Sell));
        Assert.True(book.TryGetBest(Side.Buy, out var bid));
        Assert.True(book.TryGetBest(Side.Sell, out var ask));
        Assert.Equal((L(102, 5), L(104, 2)), (bid, ask));
        Assert.Equal(Q(17), book.SizeAt(Side.Buy, P(100)));
        Assert.Equal(Q(0), book.SizeAt(Side.Buy, P(101)));
        Assert.Equal(6, book.OrderCount);
        Assert.Equal([L(104, 2), L(105, 3)], Levels(book, Side.Sell, depth: 2)); // top N
        book.Validate();
    }

    [Fact]
    public void Orders_queue_fifo_in_arrival_order()
    {
        var book = new OrderBook();
        book.Add(1, Side.Sell, P(50), Q(100));
        book.Add(2, Side.Sell, P(50), Q(50));
        book.Add(3, Side.Sell, P(50), Q(30));
        Assert.Equal([1, 2, 3], Queue(book, Side.Sell, 50));

        book.Delete(2, Side.Sell, P(50), Q(50));
        book.Add(4, Side.Sell, P(50), Q(10));
        Assert.Equal([1, 3, 4], Queue(book, Side.Sell, 50));
        Assert.Equal(Q(140), book.SizeAt(Side.Sell, P(50)));
        book.Validate();
    }

    [Fact]
    public void A_partial_cancel_shrinks_the_order_and_keeps_its_place_in_the_queue()
    {
        var book = new OrderBook();
        book.Add(1, Side.Buy, P(99), Q(100));
        book.Add(2, Side.Buy, P(99), Q(50));

        Assert.Equal(BookUpdateOutcome.Applied, book.Cancel(1, Side.Buy, P(99), Q(40)));

        Assert.Equal([1, 2], Queue(book, Side.Buy, 99));
        Assert.True(book.TryGetOrder(1, out var order));
        Assert.Equal(new RestingOrder(1, Side.Buy, P(99), Q(60)), order);
        Assert.Equal(Q(110), book.SizeAt(Side.Buy, P(99)));
        book.Validate();
    }

    [Fact]
    public void An_execution_reduces_the_front_order_and_a_full_one_removes_it()
    {
        var book = new OrderBook();
        book.Add(1, Side.Sell, P(101), Q(100));
        book.Add(2, Side.Sell, P(101), Q(50));

        Assert.Equal(BookUpdateOutcome.Applied, book.Execute(1, Side.Sell, P(101), Q(30)));
        Assert.Equal([1, 2], Queue(book, Side.Sell, 101));
        Assert.Equal(Q(120), book.SizeAt(Side.Sell, P(101)));

        Assert.Equal(BookUpdateOutcome.Applied, book.Execute(1, Side.Sell, P(101), Q(70)));
        Assert.Equal([2], Queue(book, Side.Sell, 101));
        Assert.False(book.TryGetOrder(1, out _));
        Assert.Equal([L(101, 50)], Levels(book, Side.Sell));
        book.Validate();
    }

    [Fact]
    public void Emptying_the_best_level_moves_the_best_to_the_next_price()
    {
        var book = new OrderBook();
        book.Add(1, Side.Sell, P(101), Q(5));
        book.Add(2, Side.Sell, P(103), Q(5));
        book.Delete(1, Side.Sell, P(101), Q(5));

        Assert.True(book.TryGetBest(Side.Sell, out var ask));
        Assert.Equal(L(103, 5), ask);
        Assert.Equal(1, book.LevelCount(Side.Sell));
        book.Validate();
    }

    [Fact]
    public void An_empty_side_has_no_best_and_no_levels()
    {
        var book = new OrderBook();
        book.Add(1, Side.Sell, P(101), Q(5));

        Assert.False(book.TryGetBest(Side.Buy, out _));
        Assert.Empty(Levels(book, Side.Buy));
        Assert.False(book.TryGetLevel(Side.Buy, 0, out _));

        book.Execute(1, Side.Sell, P(101), Q(5));
        Assert.False(book.TryGetBest(Side.Sell, out _));
        Assert.Equal(0, book.LevelCount(Side.Sell));
        Assert.Equal(0, book.OrderCount);
        book.Validate();
    }

    [Fact]
    public void Orders_never_seen_added_take_their_size_from_the_levels_unattributed_size()
    {
        var book = new OrderBook();
        book.SetLevel(Side.Buy, P(100), Q(500)); // e.g. seeded from a snapshot
        book.Add(9, Side.Buy, P(100), Q(20));

        Assert.Equal(BookUpdateOutcome.AppliedToUnattributed, book.Execute(7, Side.Buy, P(100), Q(300)));
        Assert.Equal(Q(220), book.SizeAt(Side.Buy, P(100)));
        Assert.Equal(Q(200), book.UnattributedAt(Side.Buy, P(100)));
        Assert.Equal(BookUpdateOutcome.AppliedToUnattributed, book.Delete(8, Side.Buy, P(100), Q(200)));
        Assert.Equal(BookUpdateOutcome.Applied, book.Delete(9, Side.Buy, P(100), Q(20)));

        Assert.Equal(0, book.LevelCount(Side.Buy));
        book.Validate();
    }

    [Fact]
    public void Inconsistent_updates_are_rejected_and_leave_the_book_unchanged()
    {
        var book = new OrderBook();
        book.Add(1, Side.Buy, P(100), Q(10));
        book.SetLevel(Side.Buy, P(99), Q(5));

        Assert.Equal(BookUpdateOutcome.DuplicateOrderId, book.Add(1, Side.Sell, P(105), Q(1)));
        Assert.Equal(BookUpdateOutcome.SizeExceedsOrder, book.Cancel(1, Side.Buy, P(100), Q(11)));
        Assert.Equal(BookUpdateOutcome.OrderMismatch, book.Execute(1, Side.Buy, P(101), Q(1)));
        Assert.Equal(BookUpdateOutcome.OrderMismatch, book.Delete(1, Side.Sell, P(100), Q(10)));
        Assert.Equal(BookUpdateOutcome.UnknownOrder, book.Execute(2, Side.Buy, P(99), Q(6)));
        Assert.Equal(BookUpdateOutcome.UnknownOrder, book.Delete(3, Side.Sell, P(120), Q(1)));
        Assert.Equal(BookUpdateOutcome.Invalid, book.Add(4, Side.Buy, P(100), Q(0)));
        Assert.Equal(BookUpdateOutcome.Invalid, book.Cancel(1, Side.Buy, P(100), Q(-1)));
        Assert.Equal(BookUpdateOutcome.Invalid, book.Add(5, (Side)0, P(100), Q(1)));

        Assert.Equal([L(100, 10), L(99, 5)], Levels(book, Side.Buy));
        Assert.Empty(Levels(book, Side.Sell));
        Assert.Equal(1, book.OrderCount);
        book.Validate();
    }

    [Fact]
    public void Set_level_replaces_a_level_and_zero_removes_it()
    {
        var book = new OrderBook();
        book.Add(1, Side.Sell, P(101), Q(10));
        book.SetLevel(Side.Sell, P(101), Q(40));

        Assert.Equal(Q(40), book.UnattributedAt(Side.Sell, P(101)));
        Assert.Equal(0, book.OrderCount); // an aggregate says nothing about which orders remain
        Assert.Equal(BookUpdateOutcome.AppliedToUnattributed, book.Cancel(1, Side.Sell, P(101), Q(10)));

        book.SetLevel(Side.Sell, P(101), Q(0));
        Assert.Equal(0, book.LevelCount(Side.Sell));
        book.Validate();
    }

    [Fact]
    public void Sync_top_removes_vanished_levels_sets_listed_ones_and_keeps_deeper_ones_unless_complete()
    {
        var book = new OrderBook();
        book.SetLevel(Side.Buy, P(105), Q(1)); // not in the snapshot: gone
        book.Add(1, Side.Buy, P(104), Q(10));
        book.SetLevel(Side.Buy, P(101), Q(3)); // between snapshot levels: gone
        book.SetLevel(Side.Buy, P(90), Q(8)); // beyond the snapshot: kept unless complete

        book.SyncTop(Side.Buy, [L(104, 10), L(102, 4), L(100, 6)], complete: false);
        Assert.Equal([L(104, 10), L(102, 4), L(100, 6), L(90, 8)], Levels(book, Side.Buy));
        Assert.Equal(Q(10), book.UnattributedAt(Side.Buy, P(104))); // reset even though equal

        book.SyncTop(Side.Buy, [L(104, 10), L(102, 4)], complete: true);
        Assert.Equal([L(104, 10), L(102, 4)], Levels(book, Side.Buy));
        book.Validate();
    }

    [Fact]
    public void Index_of_level_looks_only_as_deep_as_asked()
    {
        var book = new OrderBook();
        for (int i = 0; i < 5; i++)
            book.Add(i + 1, Side.Sell, P(100 + i), Q(1));

        Assert.Equal(0, book.IndexOfLevel(Side.Sell, P(100), 3));
        Assert.Equal(2, book.IndexOfLevel(Side.Sell, P(102), 3));
        Assert.Equal(-1, book.IndexOfLevel(Side.Sell, P(103), 3));
        Assert.True(book.TryGetLevel(Side.Sell, 4, out var fifth));
        Assert.Equal(L(104, 1), fifth);
    }

    /// <summary>
    /// Random adds, cancels, executions and deletes (seeded, so reproducible) against a plain
    /// dictionary model: after every event the L2 view and the structural invariants (AVL
    /// balance, links, sizes) must agree. Exercises level creation and removal at every depth.
    /// </summary>
    [Fact]
    public void Random_event_streams_match_a_naive_model()
    {
        var random = new Random(20120621);
        var book = new OrderBook(orderCapacity: 4, levelCapacity: 4); // force pool growth
        var orders = new Dictionary<long, (Side Side, long Price, long Size)>();
        var live = new List<long>();
        long nextId = 1;
        var ours = new BookLevel[400];

        for (int step = 0; step < 30_000; step++)
        {
            int action = random.Next(10);
            if (action < 4 || live.Count == 0)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long price = side == Side.Buy ? 1000 - random.Next(150) : 1001 + random.Next(150);
                long size = 1 + random.Next(500);
                Assert.Equal(BookUpdateOutcome.Applied, book.Add(nextId, side, P(price), Q(size)));
                orders[nextId] = (side, price, size);
                live.Add(nextId++);
            }
            else
            {
                int index = random.Next(live.Count);
                long id = live[index];
                var (side, price, size) = orders[id];
                long amount = action < 7 ? 1 + random.Next((int)size) : size;
                var outcome = action switch
                {
                    < 6 => book.Cancel(id, side, P(price), Q(amount)),
                    < 8 => book.Execute(id, side, P(price), Q(amount)),
                    _ => book.Delete(id, side, P(price), Q(size)),
                };
                Assert.Equal(BookUpdateOutcome.Applied, outcome);
                if (amount == size)
                {
                    orders.Remove(id);
                    live[index] = live[^1];
                    live.RemoveAt(live.Count - 1);
                }
                else
                {
                    orders[id] = (side, price, size - amount);
                }
            }

            if (step % 97 == 0 || step > 29_900)
            {
                book.Validate();
                foreach (var side in (Side[])[Side.Buy, Side.Sell])
                {
                    var expected = orders.Values.Where(o => o.Side == side)
                        .GroupBy(o => o.Price)
                        .Select(g => L(g.Key, g.Sum(o => o.Size)))
                        .OrderBy(l => side == Side.Buy ? -l.Price.Ticks : l.Price.Ticks)
                        .ToArray();
                    int count = book.CopyLevels(side, ours);
                    Assert.Equal(expected, ours[..count]);
                }
            }
        }
    }

    /// <summary>
    /// No allocation per event once the pools are warm: the same churn as a busy book (levels
    /// created and emptied, orders added and removed) run twice, the second pass counted.
    /// An allocation count, not a timing.
    /// </summary>
    [Fact]
    public void Updates_allocate_nothing_once_warm()
    {
        var book = new OrderBook(orderCapacity: 1024, levelCapacity: 64);
        Churn(book);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Churn(book);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Churn(OrderBook book)
        {
            for (long id = 1; id <= 500; id++)
            {
                var side = id % 2 == 0 ? Side.Buy : Side.Sell;
                long price = side == Side.Buy ? 1000 - id % 40 : 1001 + id % 40;
                book.Add(id, side, P(price), Q(100));
                book.Cancel(id, side, P(price), Q(10));
                book.TryGetBest(side, out _);
            }
            for (long id = 1; id <= 500; id++)
            {
                var side = id % 2 == 0 ? Side.Buy : Side.Sell;
                long price = side == Side.Buy ? 1000 - id % 40 : 1001 + id % 40;
                if (id % 3 == 0)
                    book.Execute(id, side, P(price), Q(90));
                else
                    book.Delete(id, side, P(price), Q(90));
            }
        }
    }

    [Fact]
    public void Recycled_level_slots_and_colliding_prices_are_never_found_for_another_price()
    {
        // Finding a price first asks a 64-entry cache of recent slots (price mod 64): prices 64
        // apart share an entry, a removed level's slot is reused by another price, and Clear
        // starts the pool over. Each must give the level of the price asked, or none.
        var book = new OrderBook();
        var random = new Random(7);
        var expected = new Dictionary<long, long>();
        for (var step = 0; step < 20_000; step++)
        {
            long price = 1_000 + 64 * random.Next(0, 6) + random.Next(0, 3); // few prices, many collisions
            long size = random.Next(0, 3) == 0 ? 0 : random.Next(1, 50);
            Assert.Equal(BookUpdateOutcome.Applied, book.SetLevel(Side.Buy, new Price(price), new Quantity(size), out long before));
            Assert.Equal(expected.GetValueOrDefault(price), before);
            if (size == 0)
                expected.Remove(price);
            else
                expected[price] = size;
            long probe = 1_000 + 64 * random.Next(0, 6) + random.Next(0, 3);
            Assert.Equal(expected.GetValueOrDefault(probe), book.SizeAt(Side.Buy, new Price(probe)).Lots);
            if (step % 5_000 == 4_999)
            {
                book.Validate();
                book.Clear();
                expected.Clear();
            }
        }
    }
}
