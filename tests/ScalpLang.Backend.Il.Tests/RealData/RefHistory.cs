namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The raw event history the reference windows read: per event its time, trade and
/// added/cancelled amounts, and the book features it samples, all computed from the
/// <see cref="RefEvent"/>s alone. Bucket indices are cached per width.
/// </summary>
internal sealed class RefHistory
{
    private readonly Dictionary<long, long[]> _buckets = [];
    private readonly Dictionary<string, long[]> _samples = [];

    public RefHistory(IReadOnlyList<RefEvent> events)
    {
        Events = events;
        Ts = [.. events.Select(e => e.Ts)];
        IsTrade = [.. events.Select(e => e.IsTrade)];
        TradeSize = [.. events.Select(e => e.IsTrade ? e.TradeSize : 0)];
        BuySize = [.. events.Select(e => e.IsTrade && e.AggressorBuy ? e.TradeSize : 0)];
        PriceTimesSize = [.. events.Select(e => e.IsTrade ? QRef.Mul(e.TradePrice, e.TradeSize) : 0)];
        Added = [.. events.Select(e => e.Added)];
        Cancelled = [.. events.Select(e => e.Cancelled)];
        FirstTrade = Array.IndexOf(IsTrade, true);
        // last_price: the price of the latest trade at or before each event (0 before the first).
        LastPrice = new long[events.Count];
        long last = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].IsTrade)
                last = events[i].TradePrice;
            LastPrice[i] = last;
        }
    }

    public IReadOnlyList<RefEvent> Events { get; }
    public long[] Ts { get; }
    public bool[] IsTrade { get; }
    public long[] TradeSize { get; }
    public long[] BuySize { get; }
    public long[] PriceTimesSize { get; }
    public long[] Added { get; }
    public long[] Cancelled { get; }
    public long[] LastPrice { get; }
    public int FirstTrade { get; }

    /// <summary>Event buckets for a window of <paramref name="windowNs"/> (32 buckets of W / 32).</summary>
    public long[] WindowBuckets(long windowNs) => Bars(windowNs / WindowRef.Count);

    /// <summary>Event buckets (or bars) of a given width.</summary>
    public long[] Bars(long width)
    {
        if (!_buckets.TryGetValue(width, out var buckets))
            _buckets[width] = buckets = WindowRef.Buckets(Ts, width);
        return buckets;
    }

    /// <summary>A per-event sample series, computed once from each event's book.</summary>
    public long[] Series(string key, Func<RefBook, long> sample)
    {
        if (!_samples.TryGetValue(key, out var series))
            _samples[key] = series = [.. Events.Select(e => sample(e.Book))];
        return series;
    }
}
