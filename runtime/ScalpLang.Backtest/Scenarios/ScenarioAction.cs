using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// An action as the engine turns it into an order (grammar/README.md §4): whole lots (floored),
/// a limit rounded to the tick toward the passive side (null for market), the slicer, and the
/// stand-aside time of a flatten. Fields an action kind does not use are zero, so expected and
/// actual actions compare with record equality.
/// </summary>
public sealed record ScenarioAction(ActionKind Kind, long Lots, long? LimitTicks, SliceAlgorithm Slicer, long SliceOverNs, long Slices, long StandAsideNs)
{
    public static ScenarioAction Of(ActionKind kind) => new(kind, 0, null, SliceAlgorithm.None, 0, 0, 0);

    public static ScenarioAction FromStrategy(in StrategyAction action)
    {
        switch (action.Kind)
        {
            case ActionKind.Buy or ActionKind.Sell:
                long? limit = action.IsMarket ? null
                    : action.Kind == ActionKind.Buy ? action.LimitPrice >> Q.FractionBits : -(-action.LimitPrice >> Q.FractionBits);
                var sliced = action.Slicer != SliceAlgorithm.None;
                return new ScenarioAction(action.Kind, action.Quantity >> Q.FractionBits, limit, action.Slicer,
                    sliced ? action.SliceOver : 0, sliced ? action.Slices >> Q.FractionBits : 0, 0);
            case ActionKind.Flatten:
                return Of(ActionKind.Flatten) with { StandAsideNs = action.StandAside };
            default:
                return Of(action.Kind);
        }
    }
}

/// <summary>What the strategy did: the action, its time relative to the scenario epoch, and the deciding rule, exit or breaker.</summary>
public sealed record ActualAction(long TimeNs, ScenarioAction Action, string Decision);
