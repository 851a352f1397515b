using System.Runtime.CompilerServices;

namespace ScalpLang.Runtime.Abi;

/// <summary>What kind of event produced the current view.</summary>
public enum MarketEventKind : byte
{
    Book,
    Trade,
    Fill,
    Timer,
}

/// <summary>
/// Everything a compiled strategy reads on one event, kept current by the host. Every number is
/// raw Q47.16 (prices in ticks, sizes in lots), except times and durations, which are whole
/// nanoseconds (grammar/README.md, "Numeric semantics"). Per-event amounts (trade, added and
/// cancelled size) are zero on events that carry none.
/// </summary>
public struct MarketView
{
    public MarketEventKind Kind;
    /// <summary>Exchange time of the event, Unix ns: windows bucket on it.</summary>
    public long TsEvent;

    public long BestBid;
    public long BestAsk;
    public LevelDepths BidDepth;
    public LevelDepths AskDepth;

    public long LastPrice;
    public long TradeSize;
    /// <summary>True when the trade's aggressor bought (it lifted the offer).</summary>
    public bool TradeAggressorBuy;
    /// <summary>Size added to and cancelled from the tracked levels by this event.</summary>
    public long AddedSize;
    public long CancelledSize;

    public long Position;
    public long EntryPrice;
    public long TimeInPosition;
    public long LossesInARow;
    /// <summary>Account equity (any currency unit: drawdown is a ratio of it).</summary>
    public long Equity;

    /// <summary>Resting bid size over the top <paramref name="levels"/> levels (1-based count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long BidDepthOver(int levels) => BidDepth[levels - 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly long AskDepthOver(int levels) => AskDepth[levels - 1];
}
