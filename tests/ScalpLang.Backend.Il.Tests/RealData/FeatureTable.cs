namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// One stdlib feature under test: the signal a probe strategy declares, and the reference's value
/// at event j. <see cref="Replays"/> marks references that replay the whole history (ema), which
/// are checked on every k-th event only.
/// </summary>
internal sealed record Feature(string Name, string Expression, Func<RefHistory, int, long> Reference, bool Replays = false);

/// <summary>
/// Every stdlib value a market replay can move (grammar/README.md §8), over a book of
/// <c>depth</c> levels: levels 1, min(5, depth) and depth, and windows from 100 ms to 64 s.
/// </summary>
internal static class FeatureTable
{
    private const long Ms = 1_000_000, S = 1_000_000_000;

    public static List<Feature> For(int depth)
    {
        int m = Math.Min(5, depth);
        long Book(RefHistory h, int j, Func<RefBook, long> f) => f(h.Events[j].Book);
        long Sum(RefHistory h, int j, long w, long[] amounts) => WindowRef.Sum(h.WindowBuckets(w), amounts, j);
        List<long> Held(RefHistory h, int j, long w, string key, Func<RefBook, long> f) =>
            WindowRef.Samples(h.WindowBuckets(w), h.Series(key, f), j);
        long Ratio(RefHistory h, int j, long w, long[] a, long[] b) => QRef.Div(Sum(h, j, w, a), Sum(h, j, w, b));
        long Spike(RefHistory h, int j, long w, long baseline, long factor) =>
            Sum(h, j, w, h.TradeSize) > QRef.Mul(QRef.Mul(factor, Sum(h, j, baseline, h.TradeSize)), QRef.Div(w, baseline)) ? 1 : 0;
        long Atr(RefHistory h, int j, long w, long bar) =>
            WindowRef.Atr(h.Bars(bar), h.IsTrade, h.LastPrice, h.FirstTrade, (int)(w / bar), j);

        return
        [
            new("s_bid", "bid", (h, j) => Book(h, j, BookRef.Bid)),
            new("s_ask", "ask", (h, j) => Book(h, j, BookRef.Ask)),
            new("s_mid", "mid", (h, j) => Book(h, j, BookRef.Mid)),
            new("s_spread", "spread", (h, j) => Book(h, j, BookRef.Spread)),
            new("s_micro", "microprice", (h, j) => Book(h, j, BookRef.Microprice)),
            new("s_last", "last_price", (h, j) => h.LastPrice[j]),
            new("s_bd1", "bid_depth()", (h, j) => Book(h, j, b => BookRef.Depth(b.Bids, 1))),
            new("s_ad1", "ask_depth(levels: 1)", (h, j) => Book(h, j, b => BookRef.Depth(b.Asks, 1))),
            new("s_bdL", $"bid_depth(levels: {depth})", (h, j) => Book(h, j, b => BookRef.Depth(b.Bids, depth))),
            new("s_adL", $"ask_depth(levels: {depth})", (h, j) => Book(h, j, b => BookRef.Depth(b.Asks, depth))),
            new("s_d1", "depth()", (h, j) => Book(h, j, b => BookRef.TotalDepth(b, 1))),
            new("s_dM", $"depth(levels: {m})", (h, j) => Book(h, j, b => BookRef.TotalDepth(b, m))),
            new("s_imb1", "imbalance()", (h, j) => Book(h, j, b => BookRef.Imbalance(b, 1))),
            new("s_imbM", $"imbalance(levels: {m})", (h, j) => Book(h, j, b => BookRef.Imbalance(b, m))),
            new("s_imbL", $"imbalance(levels: {depth})", (h, j) => Book(h, j, b => BookRef.Imbalance(b, depth))),
            new("s_avgd", $"avg_depth(window: 10s, levels: {m})",
                (h, j) => QRef.Mean(Held(h, j, 10 * S, $"depth{m}", b => BookRef.TotalDepth(b, m)))),
            new("s_cr1", "cancel_rate(window: 1s)", (h, j) => Ratio(h, j, S, h.Cancelled, h.Added)),
            new("s_cr60", "cancel_rate(window: 60s)", (h, j) => Ratio(h, j, 60 * S, h.Cancelled, h.Added)),
            new("s_ag1", "aggressor_ratio(window: 1s)", (h, j) => Ratio(h, j, S, h.BuySize, h.TradeSize)),
            new("s_ag60", "aggressor_ratio(window: 60s)", (h, j) => Ratio(h, j, 60 * S, h.BuySize, h.TradeSize)),
            new("s_tv100", "trade_volume(window: 100ms)", (h, j) => Sum(h, j, 100 * Ms, h.TradeSize)),
            new("s_tv10", "trade_volume(window: 10s)", (h, j) => Sum(h, j, 10 * S, h.TradeSize)),
            new("s_vs", "volume_spike(window: 1s, baseline: 60s)", (h, j) => Spike(h, j, S, 60 * S, QRef.FromWhole(3))),
            new("s_vs2", "volume_spike(window: 100ms, baseline: 10s, factor: 1.5)", (h, j) => Spike(h, j, 100 * Ms, 10 * S, QRef.One * 3 / 2)),
            new("s_atr", "atr(window: 10s, bar: 1s)", (h, j) => Atr(h, j, 10 * S, S)),
            new("s_atr2", "atr(window: 64s, bar: 250ms)", (h, j) => Atr(h, j, 64 * S, 250 * Ms)),
            new("s_vwap1", "vwap(window: 1s)", (h, j) => Ratio(h, j, S, h.PriceTimesSize, h.TradeSize)),
            new("s_vwap60", "vwap(window: 60s)", (h, j) => Ratio(h, j, 60 * S, h.PriceTimesSize, h.TradeSize)),
            new("s_ema_mid", "ema(of: mid, window: 1s)",
                (h, j) => WindowRef.Ema(h.WindowBuckets(S), h.Series("mid", BookRef.Mid), j), Replays: true),
            new("s_ema_imb", $"ema(of: imbalance(levels: {m}), window: 10s)",
                (h, j) => WindowRef.Ema(h.WindowBuckets(10 * S), h.Series($"imb{m}", b => BookRef.Imbalance(b, m)), j), Replays: true),
            new("s_sma_micro", "sma(of: microprice, window: 1s)", (h, j) => QRef.Mean(Held(h, j, S, "micro", BookRef.Microprice))),
            new("s_sma_spread", "sma(of: spread, window: 60s)", (h, j) => QRef.Mean(Held(h, j, 60 * S, "spread", BookRef.Spread))),
            new("s_z_mid", "zscore(of: mid, window: 10s)", (h, j) => WindowRef.Zscore(Held(h, j, 10 * S, "mid", BookRef.Mid))),
            new("s_z_imb", "zscore(of: imbalance(), window: 1s)",
                (h, j) => WindowRef.Zscore(Held(h, j, S, "imb1", b => BookRef.Imbalance(b, 1)))),
            // No orders are sent, so equity is constant and positive: the drawdown must stay 0.
            // DrawdownWindow is also driven directly with a moving series (RealDataWindowTests).
            new("s_dd", "drawdown(window: 10s)", (h, j) => WindowRef.Drawdown(Held(h, j, 10 * S, "equity", _ => QRef.One))),
        ];
    }
}
