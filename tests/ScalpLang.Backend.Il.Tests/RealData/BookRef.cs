namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The book features of grammar/README.md §8 from a reference book, in Q47.16 with
/// <see cref="QRef"/>'s operations. An empty side reads as price 0 and depth 0 (the reference
/// does not define bid/ask on an empty side; 0 is what the ABI's MarketView documents).
/// </summary>
internal static class BookRef
{
    public static long Best(RefSide side) => side.Count == 0 ? 0 : QRef.FromWhole(side.Prices[0]);

    /// <summary>Resting size over the top <paramref name="levels"/> levels (fewer when the side has fewer).</summary>
    public static long Depth(RefSide side, int levels)
    {
        long sum = 0;
        for (var i = 0; i < Math.Min(levels, side.Count); i++)
            sum += side.Sizes[i];
        return QRef.FromWhole(sum);
    }

    public static long Bid(RefBook b) => Best(b.Bids);

    public static long Ask(RefBook b) => Best(b.Asks);

    /// <summary>(bid + ask) / 2, exact in Q47.16 (a half tick is 32768).</summary>
    public static long Mid(RefBook b)
    {
        long twice = Bid(b) + Ask(b);
        Assert.Equal(0, twice % 2);
        return twice / 2;
    }

    public static long Spread(RefBook b) => Ask(b) - Bid(b);

    /// <summary>(bid * ask size + ask * bid size) / (bid size + ask size), top level.</summary>
    public static long Microprice(RefBook b)
    {
        long bidSize = Depth(b.Bids, 1), askSize = Depth(b.Asks, 1);
        return QRef.Div(QRef.Mul(Bid(b), askSize) + QRef.Mul(Ask(b), bidSize), bidSize + askSize);
    }

    /// <summary>(bid_depth - ask_depth) / (bid_depth + ask_depth) over the levels.</summary>
    public static long Imbalance(RefBook b, int levels)
    {
        long bids = Depth(b.Bids, levels), asks = Depth(b.Asks, levels);
        return QRef.Div(bids - asks, bids + asks);
    }

    public static long TotalDepth(RefBook b, int levels) => Depth(b.Bids, levels) + Depth(b.Asks, levels);
}
