namespace ScalpLang.Runtime.Abi;

public enum ActionKind : byte
{
    Buy,
    Sell,
    Wait,
    CancelAll,
    Flatten,
    Kill,
}

public enum SliceAlgorithm : byte
{
    None,
    Twap,
    Vwap,
}

/// <summary>
/// One decision of a compiled strategy, raw: the host rounds prices toward the passive side and
/// floors quantities (grammar/README.md §4) when it turns a Buy/Sell into an order.
/// </summary>
public readonly record struct StrategyAction(
    ActionKind Kind,
    int Decision,
    long Quantity,
    bool IsMarket,
    long LimitPrice,
    SliceAlgorithm Slicer,
    long SliceOver,
    long Slices,
    long StandAside);

/// <summary>Where a strategy writes its decisions; implemented by the host (no allocation per call).</summary>
public interface IActionSink
{
    void Submit(in StrategyAction action);
}
