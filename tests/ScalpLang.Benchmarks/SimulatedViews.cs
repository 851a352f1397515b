using ScalpLang.Runtime.Abi;

namespace ScalpLang.Benchmarks;

/// <summary>A seeded stream of plausible market views (random-walk mid, depth, trades, position).</summary>
public static class SimulatedViews
{
    public static MarketView[] Create(int seed, int count)
    {
        var random = new Random(seed);
        var views = new MarketView[count];
        long ts = 1_340_000_000_000_000_000, mid = 58_000, position = 0, entry = 0, since = 0, losses = 0;
        long equity = Q.FromInteger(1_000_000);
        for (var i = 0; i < count; i++)
        {
            var step = random.NextInt64(1_000, 50_000_000);
            ts += step;
            mid += random.Next(-1, 2);
            ref var v = ref views[i];
            v.Kind = (MarketEventKind)random.Next(2);
            v.TsEvent = ts;
            v.BestBid = Q.FromInteger(mid);
            v.BestAsk = Q.FromInteger(mid + random.Next(1, 4));
            long bids = 0, asks = 0;
            for (var level = 0; level < 10; level++)
            {
                bids += Q.FromInteger(random.Next(1, 900));
                asks += Q.FromInteger(random.Next(1, 900));
                v.BidDepth[level] = bids;
                v.AskDepth[level] = asks;
            }
            if (v.Kind == MarketEventKind.Trade)
            {
                v.TradeSize = Q.FromInteger(random.Next(1, 300));
                v.TradeAggressorBuy = random.Next(2) == 0;
                v.LastPrice = v.TradeAggressorBuy ? v.BestAsk : v.BestBid;
            }
            v.AddedSize = Q.FromInteger(random.Next(0, 200));
            v.CancelledSize = Q.FromInteger(random.Next(0, 200));
            if (random.Next(200) == 0)
            {
                position = position == 0 ? Q.FromInteger(random.Next(-2, 3)) : 0;
                entry = position == 0 ? 0 : Q.FromInteger(mid);
                losses = position == 0 && random.Next(2) == 0 ? losses + Q.One : losses;
                since = 0;
            }
            since = position == 0 ? 0 : since + step;
            equity += Q.FromInteger(random.Next(-50, 51));
            (v.Position, v.EntryPrice, v.TimeInPosition, v.LossesInARow, v.Equity) = (position, entry, since, losses, equity);
        }
        return views;
    }
}
