using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Runtime.Trading;

/// <summary>Which pre-trade check refused an order.</summary>
public enum RiskDenialCode : byte
{
    None = 0,
    KillSwitchEngaged,
    MarketNotTrading,
    StandingAside,
    MaxPositionExceeded,
    PriceOutsideBand,
    MaxOrderRateExceeded,
}

/// <summary>
/// A refusal kept as its code and numbers: a strategy can be refused millions of times in a run
/// while the engine records the first thousand, so the text is made only when it is read.
/// </summary>
public readonly record struct RiskDenial(RiskDenialCode Code, long Ts, long A = 0, long B = 0, long C = 0, string? Text = null)
{
    public bool IsDenied => Code != RiskDenialCode.None;

    /// <summary>The code and key=value context (nautilus_trader style).</summary>
    public string Describe() => Code switch
    {
        RiskDenialCode.KillSwitchEngaged => $"KILL_SWITCH_ENGAGED: reason={Text}",
        RiskDenialCode.MarketNotTrading => $"MARKET_NOT_TRADING: status={(TradingStatus)A}",
        RiskDenialCode.StandingAside => $"STANDING_ASIDE: until={A}",
        RiskDenialCode.MaxPositionExceeded => $"MAX_POSITION_EXCEEDED: position={A} order={B} limit={C}",
        RiskDenialCode.PriceOutsideBand => $"PRICE_OUTSIDE_BAND: price={A >> Q.FractionBits} mid={B / (double)Q.One:0.##} band={C >> Q.FractionBits}",
        RiskDenialCode.MaxOrderRateExceeded => $"MAX_ORDER_RATE_EXCEEDED: orders={A} window_ns={B} limit={C}",
        _ => "NONE",
    };

    public OrderDenied ToOrderDenied() => new(Ts, Describe());
}
