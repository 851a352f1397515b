namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>One side of a reference book: prices (ticks) and sizes (lots), best level first.</summary>
internal sealed record RefSide(long[] Prices, long[] Sizes)
{
    public static readonly RefSide Empty = new([], []);

    public int Count => Prices.Length;
}

/// <summary>The book after an event, as the reference's own parser and naive book know it.</summary>
internal sealed record RefBook(RefSide Bids, RefSide Asks)
{
    public static readonly RefBook Empty = new(RefSide.Empty, RefSide.Empty);
}

/// <summary>
/// One market event as the reference reads it from the raw file: exchange time (Unix ns), the
/// trade it carries (price as Q47.16 ticks, size as Q47.16 lots), size added and cancelled (Q47.16
/// lots), and the book after it. Line says where it came from, for failure messages.
/// </summary>
internal sealed record RefEvent(
    string Line,
    long Ts,
    RefBook Book,
    bool IsTrade = false,
    long TradePrice = 0,
    long TradeSize = 0,
    bool AggressorBuy = false,
    long Added = 0,
    long Cancelled = 0);
