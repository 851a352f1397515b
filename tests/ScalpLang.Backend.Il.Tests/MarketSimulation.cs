using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// A seeded, plausible stream of market views: a random-walk mid, a 1-4 tick spread, random depth,
/// trades, adds and cancels, a position that opens and closes, irregular time steps with the odd
/// long gap. Enough to make every condition of the examples flip both ways.
/// </summary>
public static class MarketSimulation
{
    public static IEnumerable<MarketView> Views(int seed, int count, int depth)
    {
        var random = new Random(seed);
        long ts = 1_340_000_000_000_000_000;
        long mid = 58_000;
        long position = 0, entry = 0, equity = Q.FromInteger(1_000_000), losses = 0, sinceEntry = 0;
        for (var i = 0; i < count; i++)
        {
            var step = random.Next(100) < 2 ? random.NextInt64(1, 120_000_000_000) : random.NextInt64(1_000, 400_000_000);
            ts += step;
            mid += random.Next(-2, 3);
            var spread = random.Next(1, 5);
            var view = new MarketView
            {
                Kind = (MarketEventKind)random.Next(4),
                TsEvent = ts,
                BestBid = Q.FromInteger(mid),
                BestAsk = Q.FromInteger(mid + spread),
            };
            long bidSum = 0, askSum = 0;
            for (var level = 0; level < LevelDepths.MaxLevels; level++)
            {
                if (level < depth)
                {
                    bidSum += Q.FromInteger(random.Next(0, 900));
                    askSum += Q.FromInteger(random.Next(0, 900));
                }
                view.BidDepth[level] = bidSum;
                view.AskDepth[level] = askSum;
            }
            if (view.Kind == MarketEventKind.Trade)
            {
                view.TradeSize = Q.FromInteger(random.Next(1, 500));
                view.TradeAggressorBuy = random.Next(2) == 0;
                view.LastPrice = view.TradeAggressorBuy ? view.BestAsk : view.BestBid;
            }
            view.AddedSize = Q.FromInteger(random.Next(0, 300));
            view.CancelledSize = Q.FromInteger(random.Next(0, 300));
            if (random.Next(50) == 0)
            {
                position = position == 0 ? Q.FromInteger(random.Next(-3, 4)) : 0;
                entry = position == 0 ? 0 : Q.FromInteger(mid);
                sinceEntry = 0;
                if (position == 0)
                    losses = random.Next(2) == 0 ? losses + Q.One : 0;
            }
            sinceEntry = position == 0 ? 0 : sinceEntry + step;
            equity += Q.FromInteger(random.Next(-500, 501));
            view.Position = position;
            view.EntryPrice = entry;
            view.TimeInPosition = sinceEntry;
            view.LossesInARow = losses;
            view.Equity = equity;
            yield return view;
        }
    }
}
