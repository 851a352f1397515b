using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Execution;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Trading;

namespace ScalpLang.Backtest;

// The strategy's actions: risk checks, order rounding (grammar/README.md §4), slicing into child
// orders (twap/vwap, SliceSchedule) and the venue.
public sealed partial class BacktestEngine
{
    private readonly List<SliceSchedule> _parents = [];

    /// <summary>The market's traded volume, which vwap slices follow.</summary>
    private readonly TradeVolumeHistory _marketVolume = new();

    /// <summary>Children of sliced parents whose time has come go out as market orders.</summary>
    private void ReleaseChildren()
    {
        if (_parents.Count == 0)
            return;
        for (var i = 0; i < _parents.Count; i++)
        {
            var parent = _parents[i];
            while (!parent.Done && parent.NextDue <= _now)
            {
                var lots = parent.TakeNext(_marketVolume.Total);
                if (lots > 0)
                    SendOrder(parent.Side, lots, null);
            }
            if (parent.Done)
                _parents.RemoveAt(i--);
        }
    }

    /// <summary>
    /// Sees every action the strategy takes, at its decision time, before risk and venue handle
    /// it (scenario tests compare these with the expected actions). Null costs one check.
    /// </summary>
    public IActionObserver? Observer { get; set; }

    public void Submit(in StrategyAction action)
    {
        Observer?.Observe(_now, in action);
        switch (action.Kind)
        {
            case ActionKind.Kill:
                Risk.Kill(_now, DecisionName(action.Decision));
                CancelAll();
                break;
            case ActionKind.CancelAll:
                CancelAll();
                break;
            case ActionKind.Flatten:
                CancelAll();
                if (Portfolio.Position != 0 && !Risk.KillSwitchEngaged)
                    SendFlatten();
                if (action.StandAside > 0)
                    Risk.StandAside(_now + action.StandAside);
                break;
            case ActionKind.Buy or ActionKind.Sell:
                Trade(action);
                break;
        }
    }

    private string DecisionName(int index) =>
        index >= 0 && index < _strategy.Metadata.Decisions.Length ? _strategy.Metadata.Decisions[index] : $"decision {index}";

    private void CancelAll()
    {
        _venue.CancelAll();
        _parents.Clear();
    }

    /// <summary>Closing the position is not an entry: only the kill switch stops it.</summary>
    private void SendFlatten()
    {
        var side = Portfolio.Position > 0 ? Side.Sell : Side.Buy;
        if (Risk.Status != TradingStatus.Trading)
        {
            Denied++;
            Denials.Add(new OrderDenied(_now, $"MARKET_NOT_TRADING: status={Risk.Status} (flatten)"));
            return;
        }
        Orders++;
        if (!_venue.Submit(_now, side, Math.Abs(Portfolio.Position), null, _fills))
            Denials.Add(new OrderDenied(_now, "NO_LIQUIDITY: flatten found no opposite touch"));
    }

    /// <summary>grammar/README.md §4: quantities floor to whole lots, limits round toward the passive side.</summary>
    private void Trade(in StrategyAction action)
    {
        var side = action.Kind == ActionKind.Buy ? Side.Buy : Side.Sell;
        var lots = action.Quantity >> Q.FractionBits;
        if (lots < 1)
            return;
        long? limit = action.IsMarket ? null
            : side == Side.Buy ? action.LimitPrice >> Q.FractionBits : -(-action.LimitPrice >> Q.FractionBits);
        if (action.Slicer == SliceAlgorithm.None)
        {
            SendOrder(side, lots, limit);
            return;
        }
        var slices = (int)Math.Clamp(action.Slices >> Q.FractionBits, 1, 1000);
        var algorithm = action.Slicer;
        _parents.Add(SliceSchedule.Start(side, algorithm, lots, slices, _now, Math.Max(0, action.SliceOver), _marketVolume));
        ReleaseChildren();
    }

    private void SendOrder(Side side, long lots, long? limitTicks)
    {
        var denied = Risk.Check(_now, side, lots, limitTicks is { } l ? Q.FromInteger(l) : null, Portfolio.Position, Mid);
        if (denied is { } reason)
        {
            Denied++;
            if (Denials.Count < 1000)
                Denials.Add(reason);
            return;
        }
        Orders++;
        if (!_venue.Submit(_now, side, lots, limitTicks, _fills))
            Denied++;
    }
}
