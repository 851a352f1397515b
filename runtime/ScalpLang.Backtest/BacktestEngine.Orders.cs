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
    private readonly List<IcebergOrder> _icebergs = [];
    private long _nextOrderId = 1;

    /// <summary>The market's traded volume, which vwap slices follow.</summary>
    private readonly TradeVolumeHistory _marketVolume = new();

    /// <summary>Trades are remembered (an hour of them) only for a strategy that slices by volume.</summary>
    private readonly bool _followVolume;

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
                if (!Risk.KillSwitchEngaged)
                    RunObserver?.OnKill(_now, DecisionName(action.Decision));
                Risk.Kill(_now, DecisionName(action.Decision));
                CancelAll();
                break;
            case ActionKind.CancelAll:
                CancelAll();
                break;
            case ActionKind.Flatten:
                CancelAll();
                if (!Risk.KillSwitchEngaged)
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
        _venue.CancelAll(_now);
        _parents.Clear();
        _icebergs.Clear();
    }

    /// <summary>
    /// Closing the position is not an entry: only the kill switch stops it. It closes the position
    /// that the market orders already on their way will leave (an earlier flatten still in flight
    /// included), so repeated flattens under latency do not overshoot.
    /// </summary>
    private void SendFlatten()
    {
        long open = Portfolio.Position + _venue.MarketLotsInFlight;
        if (open == 0)
            return;
        var side = open > 0 ? Side.Sell : Side.Buy;
        if (Risk.Status != TradingStatus.Trading)
        {
            Denied++;
            Denials.Add(new OrderDenied(_now, $"MARKET_NOT_TRADING: status={Risk.Status} (flatten)"));
            return;
        }
        Orders++;
        if (!_venue.Submit(_now, side, Math.Abs(open), null, _fills, 0))
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
        if (action.Slicer == SliceAlgorithm.Iceberg)
        {
            // The binder guarantees a limit; the shown part is whole lots, at least one.
            var iceberg = new IcebergOrder(side, limit ?? 0, lots, Math.Max(1, action.Slices >> Q.FractionBits));
            _icebergs.Add(iceberg);
            ShowNext(iceberg);
            return;
        }
        var slices = (int)Math.Clamp(action.Slices >> Q.FractionBits, 1, 1000);
        var algorithm = action.Slicer;
        _parents.Add(SliceSchedule.Start(side, algorithm, lots, slices, _now, Math.Max(0, action.SliceOver), _marketVolume));
        ReleaseChildren();
    }

    /// <summary>An iceberg's next child: its shown part rests at the limit; a refused child ends the iceberg.</summary>
    private void ShowNext(IcebergOrder iceberg)
    {
        iceberg.ChildId = _nextOrderId++;
        if (!SendOrder(iceberg.Side, Math.Min(iceberg.Show, iceberg.Remaining), iceberg.LimitTicks, iceberg.ChildId))
            _icebergs.Remove(iceberg);
    }

    /// <summary>After fills: an iceberg whose shown child filled shows its next part, or is done.</summary>
    private void RefillIcebergs()
    {
        for (var i = 0; i < _icebergs.Count; i++)
        {
            var iceberg = _icebergs[i];
            if (iceberg.ChildId != 0)
                continue;
            if (iceberg.Remaining == 0)
                _icebergs.RemoveAt(i--);
            else
                ShowNext(iceberg);
        }
    }

    private void OnIcebergFill(in OwnFill fill)
    {
        foreach (var iceberg in _icebergs)
        {
            if (iceberg.ChildId != fill.OrderId)
                continue;
            iceberg.Remaining -= fill.Lots;
            if (fill.Done)
                iceberg.ChildId = 0; // the shown part is used up: the next one goes in
            return;
        }
    }

    /// <summary>A limit order shown <see cref="Show"/> lots at a time (grammar/README.md §3.5).</summary>
    private sealed class IcebergOrder(Side side, long limitTicks, long lots, long show)
    {
        public Side Side { get; } = side;
        public long LimitTicks { get; } = limitTicks;
        public long Show { get; } = show;
        public long Remaining { get; set; } = lots;
        /// <summary>The resting child's order id; 0 when none rests.</summary>
        public long ChildId { get; set; }
    }

    /// <returns>True when the order went to the venue.</returns>
    private bool SendOrder(Side side, long lots, long? limitTicks, long orderId = 0)
    {
        var denied = Risk.Check(_now, side, lots, limitTicks is { } l ? Q.FromInteger(l) : null, Portfolio.Position, Mid);
        if (denied.IsDenied)
        {
            Denied++;
            if (Denials.Count < 1000)
                Denials.Add(denied.ToOrderDenied());
            return false;
        }
        Orders++;
        if (_venue.Submit(_now, side, lots, limitTicks, _fills, orderId))
            return true;
        Denied++;
        return false;
    }
}
