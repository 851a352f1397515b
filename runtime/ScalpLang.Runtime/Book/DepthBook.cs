using System.Runtime.CompilerServices;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

/// <summary>
/// A market-by-price book of a fixed depth N per side, updated by level index the way depth feeds
/// (and the tape, and the FPGA's book) speak: insert at level i (the levels below move down one and
/// the last falls off), change the size at level i, delete level i (the levels below move up one,
/// leaving the last empty until the feed refills it). Levels are kept best first in flat arrays,
/// so every operation is a short move of at most N entries and no allocation.
/// </summary>
public sealed class DepthBook : IBookView
{
    /// <summary>The deepest book the tape and the Verilog book support.</summary>
    public const int MaxDepth = 64;

    private readonly long[] _bidPrices;
    private readonly long[] _bidSizes;
    private readonly long[] _askPrices;
    private readonly long[] _askSizes;
    private int _bidCount;
    private int _askCount;

    public DepthBook(int depth)
    {
        if (depth is < 1 or > MaxDepth)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"a depth book holds 1..{MaxDepth} levels per side");
        Depth = depth;
        _bidPrices = new long[depth];
        _bidSizes = new long[depth];
        _askPrices = new long[depth];
        _askSizes = new long[depth];
    }

    public int Depth { get; }

    /// <summary>Makes this book equal to <paramref name="source"/> (same depth): a delayed view catching up with the exchange's.</summary>
    public void CopyFrom(DepthBook source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Depth != Depth)
            throw new ArgumentException($"a depth-{source.Depth} book cannot be copied into a depth-{Depth} one", nameof(source));
        (_bidCount, _askCount) = (source._bidCount, source._askCount);
        Array.Copy(source._bidPrices, _bidPrices, _bidCount);
        Array.Copy(source._bidSizes, _bidSizes, _bidCount);
        Array.Copy(source._askPrices, _askPrices, _askCount);
        Array.Copy(source._askSizes, _askSizes, _askCount);
    }

    public int Count(Side side) => side == Side.Buy ? _bidCount : _askCount;

    /// <summary>Level <paramref name="index"/> of a side (0 = best); index must be below <see cref="Count"/>.</summary>
    public BookLevel Level(Side side, int index)
    {
        if ((uint)index >= (uint)Count(side))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the {side} side holds {Count(side)} levels");
        var (prices, sizes) = Arrays(side);
        return new BookLevel(new Price(prices[index]), new Quantity(sizes[index]));
    }

    /// <summary>The price at level <paramref name="index"/> in ticks; the caller checks the index against <see cref="Count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PriceAt(Side side, int index) => (side == Side.Buy ? _bidPrices : _askPrices)[index];

    /// <summary>
    /// A new level at <paramref name="index"/> (at most the current count): the levels from there
    /// down move one place deeper and a full side drops its last level. Returns false (and changes
    /// nothing) when the index is past the end or the price would break the side's order.
    /// </summary>
    public bool Insert(Side side, int index, long price, long size)
    {
        ref int count = ref CountRef(side);
        var (prices, sizes) = Arrays(side);
        if ((uint)index > (uint)count || index >= Depth || !FitsAt(side, prices, count, index, price, replacing: false))
            return false;
        // A few elements at most: a loop beats Array.Copy's call overhead here.
        for (int i = Math.Min(count, Depth - 1); i > index; i--)
        {
            prices[i] = prices[i - 1];
            sizes[i] = sizes[i - 1];
        }
        prices[index] = price;
        sizes[index] = size;
        count = Math.Min(count + 1, Depth);
        return true;
    }

    /// <summary>The size at level <paramref name="index"/>; false when there is no such level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Change(Side side, int index, long size, out long previous)
    {
        var (_, sizes) = Arrays(side);
        if ((uint)index >= (uint)Count(side))
        {
            previous = 0;
            return false;
        }
        previous = sizes[index];
        sizes[index] = size;
        return true;
    }

    /// <summary>Removes level <paramref name="index"/>; the deeper levels move up one. False when there is no such level.</summary>
    public bool Delete(Side side, int index, out BookLevel removed)
    {
        ref int count = ref CountRef(side);
        var (prices, sizes) = Arrays(side);
        if ((uint)index >= (uint)count)
        {
            removed = default;
            return false;
        }
        removed = new BookLevel(new Price(prices[index]), new Quantity(sizes[index]));
        for (int i = index; i < count - 1; i++)
        {
            prices[i] = prices[i + 1];
            sizes[i] = sizes[i + 1];
        }
        count--;
        return true;
    }

    public void Clear()
    {
        _bidCount = 0;
        _askCount = 0;
    }

    public bool TryGetBest(Side side, out BookLevel best)
    {
        if (Count(side) == 0)
        {
            best = default;
            return false;
        }
        var (prices, sizes) = Arrays(side);
        best = new BookLevel(new Price(prices[0]), new Quantity(sizes[0]));
        return true;
    }

    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        var (prices, sizes) = Arrays(side);
        int count = Math.Min(Count(side), destination.Length);
        for (int i = 0; i < count; i++)
            destination[i] = new BookLevel(new Price(prices[i]), new Quantity(sizes[i]));
        return count;
    }

    public int IndexOfLevel(Side side, Price price, int maxLevels)
    {
        var (prices, _) = Arrays(side);
        int count = Math.Min(Count(side), maxLevels);
        for (int i = 0; i < count; i++)
        {
            if (prices[i] == price.Ticks)
                return i;
        }
        return -1;
    }

    public long CumulativeDepth(Side side, Span<long> cumulativeQ16)
    {
        var (prices, sizes) = Arrays(side);
        int count = Math.Min(Count(side), cumulativeQ16.Length);
        long sum = 0;
        int i = 0;
        for (; i < count; i++)
        {
            sum += sizes[i] << 16;
            cumulativeQ16[i] = sum;
        }
        cumulativeQ16[i..].Fill(sum);
        return Count(side) > 0 ? prices[0] << 16 : 0;
    }

    /// <summary>Bids fall and asks rise from level 0 on, strictly: a price must sit between its neighbours.</summary>
    private static bool FitsAt(Side side, long[] prices, int count, int index, long price, bool replacing)
    {
        int below = replacing ? index + 1 : index;
        bool afterAbove = index == 0 || (side == Side.Buy ? price < prices[index - 1] : price > prices[index - 1]);
        bool beforeBelow = below >= count || (side == Side.Buy ? price > prices[below] : price < prices[below]);
        return afterAbove && beforeBelow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (long[] Prices, long[] Sizes) Arrays(Side side) =>
        side == Side.Buy ? (_bidPrices, _bidSizes) : (_askPrices, _askSizes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int CountRef(Side side) => ref side == Side.Buy ? ref _bidCount : ref _askCount;
}
