using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tardis;

/// <summary>The Tardis downloadable-CSV data types the reader understands.</summary>
public enum TardisFileKind : byte
{
    /// <summary>exchange,symbol,timestamp,local_timestamp,id,side,price,amount</summary>
    Trades = 1,

    /// <summary>exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount (a one-level snapshot)</summary>
    Quotes = 2,

    /// <summary>book_snapshot_N: asks[i].price,asks[i].amount,bids[i].price,bids[i].amount for i in 0..N-1</summary>
    BookSnapshot = 3,

    /// <summary>incremental_book_L2: is_snapshot,side,price,amount (amount is the new level total; 0 removes it)</summary>
    IncrementalBookL2 = 4,
}

/// <summary>A problem with a Tardis file, printed as <c>file:line: reason</c> (or <c>file: reason</c>).</summary>
public sealed record TardisDiagnostic(string File, long Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}

public sealed record TardisReadOptions
{
    public static TardisReadOptions Default { get; } = new();

    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Stop;

    /// <summary>Called for each skipped row under <see cref="BadRowPolicy.Skip"/>.</summary>
    public Action<TardisDiagnostic>? OnSkippedRow { get; init; }

    /// <summary>Read buffer, and so the longest line accepted.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Check that the symbol column equals the instrument's symbol.</summary>
    public bool CheckSymbol { get; init; } = true;

    /// <summary>
    /// Incremental L2 only: price levels per side the reader tracks (to clear the book when a new
    /// snapshot starts). A row that would exceed it is bad; memory stays bounded.
    /// </summary>
    public int MaxLevelsPerSide { get; init; } = 100_000;
}

/// <summary>
/// One row of a Tardis file, decoded. A trades row is <see cref="Trade"/>; a book row (snapshot,
/// quote or incremental) is the <see cref="Updates"/> that bring the book to what the row says.
/// <see cref="Updates"/> points into the reader's fixed buffer: valid until the next read.
/// </summary>
public readonly record struct TardisMessage(
    long Line,
    TardisFileKind Kind,
    long TsEvent,
    long TsRecv,
    TradeTick Trade,
    ReadOnlyMemory<BookLevelUpdated> Updates)
{
    public void Dispatch<THandler>(ref THandler handler)
        where THandler : IMarketDataHandler
    {
        if (Kind == TardisFileKind.Trades)
        {
            handler.OnTrade(Trade);
            return;
        }
        foreach (ref readonly var update in Updates.Span)
            handler.OnLevelUpdated(update);
    }
}

/// <summary>A side of the book as (price, size) pairs in a fixed array, in file order.</summary>
internal struct LevelSet
{
    public LevelSet(int capacity)
    {
        Prices = new long[capacity];
        Sizes = new long[capacity];
        Count = 0;
    }

    public long[] Prices;
    public long[] Sizes;
    public int Count;

    public readonly int IndexOf(long price)
    {
        for (int i = 0; i < Count; i++)
        {
            if (Prices[i] == price)
                return i;
        }
        return -1;
    }

    public static void Diff(in LevelSet previous, in LevelSet current, Side side, long tsEvent, long tsRecv,
        BookLevelUpdated[] output, ref int count)
    {
        for (int i = 0; i < previous.Count; i++)
        {
            if (current.IndexOf(previous.Prices[i]) < 0)
                output[count++] = new BookLevelUpdated(tsEvent, tsRecv, side, new Price(previous.Prices[i]), Quantity.Zero);
        }
        for (int i = 0; i < current.Count; i++)
        {
            int before = previous.IndexOf(current.Prices[i]);
            if (before < 0 || previous.Sizes[before] != current.Sizes[i])
                output[count++] = new BookLevelUpdated(tsEvent, tsRecv, side, new Price(current.Prices[i]), new Quantity(current.Sizes[i]));
        }
    }
}
