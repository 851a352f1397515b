using System.Collections.Immutable;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// Checks a parsed scenario against the strategy it runs with and converts the trader's numbers
/// exactly: prices to ticks and sizes to lots through the <see cref="Instrument"/> (a price off
/// the tick grid or a size that is not whole lots is an error at that number, never rounded).
/// </summary>
public static class ScenarioBinder
{
    public static (BoundScenario? Scenario, ImmutableArray<ScenarioError> Errors) Bind(ScenarioFile file, StrategyMetadata strategy)
    {
        var binder = new Binder(file.Path);
        if (strategy.Instrument is not { } info)
        {
            binder.Error(new SourcePosition(1, 1), $"strategy {strategy.Name} declares no instrument, so prices and sizes have no meaning");
            return (null, binder.Errors.ToImmutable());
        }
        var instrument = new Instrument(info.Symbol, info.TickSize, info.LotSize, info.Currency);
        var capital = BacktestRunner.DefaultCapital;
        var allow = false;
        var parameters = ImmutableArray.CreateBuilder<ParamHeader>();
        foreach (var header in file.Headers)
        {
            switch (header)
            {
                case StrategyHeader s when s.Name != strategy.Name:
                    binder.Error(s.At, $"this scenario is for strategy {s.Name}, but it is running with {strategy.Name}");
                    break;
                case ParamHeader p when parameters.Any(q => q.Name == p.Name):
                    binder.Error(p.At, $"param {p.Name} is set twice (first on line {parameters.First(q => q.Name == p.Name).At.Line})");
                    break;
                case ParamHeader p:
                    parameters.Add(p);
                    break;
                case CapitalHeader c:
                    capital = c.Amount;
                    break;
                case AllowOtherActionsHeader:
                    allow = true;
                    break;
            }
        }
        var tickLot = instrument.TickSize * instrument.LotSize;
        var capitalTickLots = decimal.Truncate(capital / tickLot);
        if (capitalTickLots < 1 || capitalTickLots > long.MaxValue >> 20)
        {
            binder.Error(file.Headers.OfType<CapitalHeader>().LastOrDefault()?.At ?? new SourcePosition(1, 1),
                $"capital {capital} {instrument.Currency} must be at least one tick on one lot ({tickLot} {instrument.Currency}) and less than 2^43 of them");
            capitalTickLots = 1;
        }
        var events = file.Market.Select(m => binder.Event(m, instrument)).ToImmutableArray();
        var times = file.Market.Select(m => m.TimeNs).ToHashSet();
        var expectations = ImmutableArray.CreateBuilder<BoundExpectation>();
        foreach (var e in file.Expectations)
        {
            if (!times.Contains(e.TimeNs))
                binder.Error(e.At, $"no market line is at {ScenarioTime.Format(e.TimeNs)}, so the strategy cannot act then (it acts only on events)");
            if (e.Action is null && file.Expectations.FirstOrDefault(o => o.TimeNs == e.TimeNs && o.Action is not null) is { } other)
                binder.Error(e.At, $"'nothing' at {ScenarioTime.Format(e.TimeNs)} contradicts the action expected then on line {other.At.Line}");
            if (e.Decision is { } name && !strategy.Decisions.Contains(name))
                binder.Error(e.At, $"{strategy.Name} has no rule, exit or circuit breaker named '{name}' (it has: {string.Join(", ", strategy.Decisions)})");
            expectations.Add(new BoundExpectation(e.At, e.TimeNs, e.Action is null ? null : binder.Action(e.Action, instrument), e.Decision));
        }
        if (binder.Errors.Count > 0)
            return (null, binder.Errors.ToImmutable());
        return (new BoundScenario(file.Path, instrument, parameters.ToImmutable(), (long)capitalTickLots, allow, events, expectations.ToImmutable()), []);
    }

    private sealed class Binder(string path)
    {
        public ImmutableArray<ScenarioError>.Builder Errors { get; } = ImmutableArray.CreateBuilder<ScenarioError>();

        public void Error(SourcePosition at, string message) => Errors.Add(new ScenarioError(path, at, message));

        public ScenarioEvent Event(MarketLine line, Instrument instrument) => line switch
        {
            BookLine b => new BookEvent(b.At, b.TimeNs, b.ReplacesSides, Side(b.Bids, b.ReplacesSides, instrument), Side(b.Asks, b.ReplacesSides, instrument)),
            TradeLine t => new TradeEvent(t.At, t.TimeNs, t.BuyerAggressor, Size(t.Size, instrument, allowZero: false), Price(t.Price, instrument)),
            StatusLine s => new StatusEvent(s.At, s.TimeNs, s.Halted),
            _ => throw new System.Diagnostics.UnreachableException(line.GetType().Name),
        };

        private ImmutableArray<BookLevel>? Side(ImmutableArray<WrittenLevel>? levels, bool replaces, Instrument instrument)
        {
            if (levels is not { } written)
                return null;
            var bound = ImmutableArray.CreateBuilder<BookLevel>();
            foreach (var level in written)
            {
                var price = Price(level.Price, instrument);
                if (bound.Any(l => l.Price == price))
                    Error(level.Price.At, $"the price {level.Price.Value} is listed twice on this side");
                // A book line lists what the side is; a level it omits is gone, so x 0 there is a slip.
                if (replaces && level.Size.Value == 0)
                    Error(level.Size.At, "a 'book' line lists the levels a side has: leave a level out to remove it, or use 'update ... x 0'");
                bound.Add(new BookLevel(price, Size(level.Size, instrument, allowZero: true)));
            }
            return bound.ToImmutable();
        }

        public ScenarioAction Action(ExpectedAction action, Instrument instrument)
        {
            if (action.Kind is not (ActionKind.Buy or ActionKind.Sell))
                return ScenarioAction.Of(action.Kind) with { StandAsideNs = action.StandAsideNs };
            var lots = Size(action.Quantity!.Value, instrument, allowZero: false);
            long? limit = action.Limit is { } l ? Price(l, instrument).Ticks : null;
            var slicer = action.Slicer;
            // An iceberg's shown quantity is written in shares or contracts, like the order's.
            long slices = slicer?.Show is { } show ? Size(show, instrument, allowZero: false).Lots : slicer?.Slices ?? 0;
            return new ScenarioAction(action.Kind, lots.Lots, limit, slicer?.Algorithm ?? SliceAlgorithm.None, slicer?.OverNs ?? 0, slices, 0);
        }

        private Price Price(Written price, Instrument instrument)
        {
            if (price.Value <= 0)
                Error(price.At, "a price must be above zero");
            else if (!instrument.TryToPrice(price.Value, out var ticks))
                Error(price.At, $"the price {price.Value} is not on the tick grid of {instrument.Symbol} (tick {instrument.TickSize})");
            else
                return ticks;
            return default;
        }

        private Quantity Size(Written size, Instrument instrument, bool allowZero)
        {
            if (size.Value == 0 && !allowZero)
                Error(size.At, "a size must be above zero");
            else if (!instrument.TryToQuantity(size.Value, out var lots))
                Error(size.At, $"the size {size.Value} is not a whole number of lots of {instrument.Symbol} (lot {instrument.LotSize})");
            else
                return lots;
            return default;
        }
    }
}
