namespace ScalpLang.Runtime.MarketData;

/// <summary>The three states a halt goes through (LOBSTER type 7 price codes -1, 0, 1).</summary>
public enum TradingStatus : byte
{
    /// <summary>Trading halted: no quoting, no trading.</summary>
    Halted = 0,

    /// <summary>Quoting has resumed but not trading (only when the venue signals it).</summary>
    Quoting = 1,

    /// <summary>Normal trading.</summary>
    Trading = 2,
}

/// <summary>The instrument's trading status changed; strategies must not send orders while halted.</summary>
public readonly record struct TradingStatusChanged(long TsEvent, long TsRecv, TradingStatus Status) : IMarketEvent;
