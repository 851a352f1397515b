using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// Plays a bound scenario through a <see cref="BacktestEngine"/> (its order book, risk engine and
/// immediate-fill venue, so entries fill and exits and breakers see the position) and records
/// what the strategy did.
/// </summary>
public static class ScenarioRunner
{
    /// <param name="strategy">A started strategy, used for this run only.</param>
    /// <returns>The actions; or an error when a line makes the book crossed (a slip in the scenario, which would make every later action meaningless).</returns>
    public static (IReadOnlyList<ActualAction> Actions, ScenarioError? Error) Run(BoundScenario scenario, CompiledStrategy strategy)
    {
        var book = new OrderBook();
        var recorder = new ActionRecorder(strategy.Metadata);
        var engine = new BacktestEngine(strategy, book, scenario.CapitalTickLots) { Observer = recorder };
        var updates = new List<BookLevelUpdated>();
        foreach (var e in scenario.Events)
        {
            var ts = ScenarioTime.EpochNs + e.TimeNs;
            switch (e)
            {
                case BookEvent b:
                    updates.Clear();
                    AddSide(book, updates, ts, Side.Buy, b.Bids, b.ReplacesSides);
                    AddSide(book, updates, ts, Side.Sell, b.Asks, b.ReplacesSides);
                    engine.OnLevelsUpdated(ts, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(updates));
                    break;
                case TradeEvent t:
                    engine.OnTrade(new TradeTick(ts, ts, t.Price, t.Size, t.BuyerAggressor ? AggressorSide.Buyer : AggressorSide.Seller, TradeKind.Regular));
                    break;
                case StatusEvent s:
                    engine.OnTradingStatus(new TradingStatusChanged(ts, ts, s.Halted ? TradingStatus.Halted : TradingStatus.Trading));
                    break;
            }
            if (book.TryGetBest(Side.Buy, out var bid) && book.TryGetBest(Side.Sell, out var ask) && bid.Price >= ask.Price)
            {
                var i = scenario.Instrument;
                return (recorder.Actions, new ScenarioError(scenario.Path, e.At,
                    $"the book is crossed after this line (bid {i.ToDecimal(bid.Price)} >= ask {i.ToDecimal(ask.Price)}); " +
                    "a 'book' line replaces the sides it lists, an 'update' line changes only the levels it lists"));
            }
        }
        return (recorder.Actions, null);
    }

    private static void AddSide(OrderBook book, List<BookLevelUpdated> updates, long ts, Side side, IReadOnlyList<BookLevel>? levels, bool replaces)
    {
        if (levels is null)
            return;
        if (replaces)
        {
            var current = new BookLevel[book.LevelCount(side)];
            book.CopyLevels(side, current);
            foreach (var level in current)
            {
                if (!levels.Any(l => l.Price == level.Price))
                    updates.Add(new BookLevelUpdated(ts, ts, side, level.Price, Quantity.Zero));
            }
        }
        foreach (var level in levels)
            updates.Add(new BookLevelUpdated(ts, ts, side, level.Price, level.Size));
    }
}
