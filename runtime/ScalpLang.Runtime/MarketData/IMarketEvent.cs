namespace ScalpLang.Runtime.MarketData;

/// <summary>
/// Every market event carries two Unix-ns times (DESIGN.md §5): <c>TsEvent</c>, when the venue
/// says it happened, and <c>TsRecv</c>, when we received it. Replays of historical files with no
/// receive time set <c>TsRecv = TsEvent</c>; the simulated venue adds latency on top.
/// </summary>
public interface IMarketEvent
{
    long TsEvent { get; }

    long TsRecv { get; }
}
