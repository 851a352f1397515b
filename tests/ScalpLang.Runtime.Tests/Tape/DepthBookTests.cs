using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>The fixed-depth level-indexed book the tape replays into (docs/tape.md, ops table).</summary>
public sealed class DepthBookTests
{
    private static long[] Prices(DepthBook book, Side side) =>
        Enumerable.Range(0, book.Count(side)).Select(i => book.Level(side, i).Price.Ticks).ToArray();

    private static long[] Sizes(DepthBook book, Side side) =>
        Enumerable.Range(0, book.Count(side)).Select(i => book.Level(side, i).Size.Lots).ToArray();

    /// <summary>Bids 100, 99, ... (count levels), sizes 10, 20, ...; asks 101, 102, ... the same.</summary>
    private static DepthBook Filled(int depth, int count)
    {
        var book = new DepthBook(depth);
        for (int i = 0; i < count; i++)
        {
            Assert.True(book.Insert(Side.Buy, i, 100 - 2 * i, 10 * (i + 1)));
            Assert.True(book.Insert(Side.Sell, i, 101 + 2 * i, 10 * (i + 1)));
        }
        return book;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Insert_at_every_position_moves_the_deeper_levels_down(int index)
    {
        var book = Filled(5, 3);
        Assert.True(book.Insert(Side.Buy, index, 101 - 2 * index, 7));
        var expected = new List<long> { 100, 98, 96 };
        expected.Insert(index, 101 - 2 * index);
        Assert.Equal(expected, Prices(book, Side.Buy));
        var sizes = new List<long> { 10, 20, 30 };
        sizes.Insert(index, 7);
        Assert.Equal(sizes, Sizes(book, Side.Buy));
        Assert.True(book.Insert(Side.Sell, index, 100 + 2 * index, 7));
        var asks = new List<long> { 101, 103, 105 };
        asks.Insert(index, 100 + 2 * index);
        Assert.Equal(asks, Prices(book, Side.Sell));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Insert_into_a_full_side_drops_the_last(int index)
    {
        var book = Filled(5, 5); // bids 100 98 96 94 92
        Assert.True(book.Insert(Side.Buy, index, 101 - 2 * index, 1));
        var expected = new List<long> { 100, 98, 96, 94, 92 };
        expected.Insert(index, 101 - 2 * index);
        Assert.Equal(expected.Take(5), Prices(book, Side.Buy));
        Assert.Equal(5, book.Count(Side.Buy));
        Assert.False(book.Insert(Side.Buy, 5, 80, 1)); // no index past a full side
    }

    [Fact]
    public void Depth_one_replaces_its_only_level()
    {
        var book = new DepthBook(1);
        Assert.True(book.Insert(Side.Sell, 0, 50, 3));
        Assert.True(book.Insert(Side.Sell, 0, 49, 4));
        Assert.Equal([49L], Prices(book, Side.Sell));
        Assert.False(book.Insert(Side.Sell, 0, 49, 4)); // equal price
        Assert.False(book.Insert(Side.Sell, 1, 51, 4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Change_and_delete_at_every_position(int index)
    {
        var book = Filled(4, 3);
        Assert.True(book.Change(Side.Sell, index, 77, out var previous));
        Assert.Equal(10 * (index + 1), previous);
        Assert.Equal(77, book.Level(Side.Sell, index).Size.Lots);
        Assert.True(book.Delete(Side.Buy, index, out var removed));
        Assert.Equal(100 - 2 * index, removed.Price.Ticks);
        Assert.Equal(10 * (index + 1), removed.Size.Lots);
        var expected = new List<long> { 100, 98, 96 };
        expected.RemoveAt(index);
        Assert.Equal(expected, Prices(book, Side.Buy));
        Assert.Equal([101L, 103, 105], Prices(book, Side.Sell));
    }

    [Theory]
    [InlineData(Side.Buy, 0, 100)] // equal to the best
    [InlineData(Side.Buy, 0, 99)] // not better than the best
    [InlineData(Side.Buy, 1, 100)]
    [InlineData(Side.Buy, 1, 101)]
    [InlineData(Side.Buy, 1, 96)] // not better than the level it goes before
    [InlineData(Side.Buy, 3, 97)] // worse than the last is fine only at the end: 97 > 96
    [InlineData(Side.Buy, 4, 90)] // past the end
    [InlineData(Side.Buy, -1, 200)]
    [InlineData(Side.Sell, 0, 101)]
    [InlineData(Side.Sell, 0, 102)]
    [InlineData(Side.Sell, 2, 106)]
    [InlineData(Side.Sell, 3, 104)]
    public void Order_violations_and_bad_indexes_are_refused_without_change(Side side, int index, long price)
    {
        var book = Filled(6, 3);
        var before = TapeKit.Snapshot(book, 6);
        Assert.False(book.Insert(side, index, price, 5));
        Assert.False(book.Change(side, 3, 5, out _));
        Assert.False(book.Change(side, -1, 5, out _));
        Assert.False(book.Delete(side, 3, out _));
        Assert.False(book.Delete(side, -1, out _));
        Assert.Equal(before, TapeKit.Snapshot(book, 6));
        Assert.Equal("B 100x10 98x20 96x30|A 101x10 103x20 105x30", before);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Level(side, 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Depth_outside_1_to_64_is_refused(int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DepthBook(depth));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Reads_match_an_order_book_on_the_same_levels(int width)
    {
        var depth = new DepthBook(5);
        var orders = new OrderBook();
        long id = 1;
        foreach (var (side, price, size) in new[] { (Side.Buy, 100L, 4L), (Side.Buy, 97L, 9L), (Side.Buy, 95L, 1L), (Side.Sell, 103L, 6L) })
        {
            depth.Insert(side, depth.Count(side), price, size);
            orders.Apply(new MarketData.BookOrderAdded(0, 0, id++, side, new Price(price), new Quantity(size)));
        }
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            var a = new long[width];
            var b = new long[width];
            Array.Fill(a, -1);
            Array.Fill(b, -1);
            Assert.Equal(orders.CumulativeDepth(side, b), depth.CumulativeDepth(side, a));
            Assert.Equal(b, a);
            var la = new BookLevel[width];
            var lb = new BookLevel[width];
            Assert.Equal(orders.CopyLevels(side, lb), depth.CopyLevels(side, la));
            Assert.Equal(lb, la);
            foreach (var p in new long[] { 100, 97, 95, 103, 96 })
                Assert.Equal(orders.IndexOfLevel(side, new Price(p), width), depth.IndexOfLevel(side, new Price(p), width));
            Assert.Equal(orders.TryGetBest(side, out var ob), depth.TryGetBest(side, out var db));
            Assert.Equal(ob, db);
        }
        Span<long> sums = stackalloc long[3];
        Assert.Equal(100L << 16, depth.CumulativeDepth(Side.Buy, sums));
        Assert.Equal(new[] { 4L << 16, 13L << 16, 14L << 16 }, sums.ToArray());
    }

    [Fact]
    public void An_empty_side_has_no_best_and_zero_depth()
    {
        var book = new DepthBook(3);
        Assert.False(book.TryGetBest(Side.Sell, out _));
        Span<long> sums = stackalloc long[2];
        sums.Fill(9);
        Assert.Equal(0, book.CumulativeDepth(Side.Sell, sums));
        Assert.Equal(new long[] { 0, 0 }, sums.ToArray());
        Assert.Equal(-1, book.IndexOfLevel(Side.Sell, new Price(1), 3));
        Assert.Equal(0, book.CopyLevels(Side.Sell, new BookLevel[3]));
        book.Insert(Side.Sell, 0, 5, 1);
        book.Clear();
        Assert.Equal(0, book.Count(Side.Sell));
    }
}
