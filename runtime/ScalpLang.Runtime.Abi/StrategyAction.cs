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

    /// <summary>A limit order shown at most <see cref="StrategyAction.Slices"/> lots at a time.</summary>
    Iceberg,
}

/// <summary>
/// One decision of a compiled strategy, raw: the host rounds prices toward the passive side and
/// floors quantities (grammar/README.md §4) when it turns a Buy/Sell into an order. With a slicer,
/// SliceOver (ns) and Slices (a Q47.16 count) describe twap/vwap; for an iceberg Slices is the
/// shown quantity (Q47.16 lots) and SliceOver is 0.
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
