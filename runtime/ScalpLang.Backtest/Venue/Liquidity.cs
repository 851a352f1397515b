namespace ScalpLang.Backtest.Venue;

/// <summary>Which side of a fill we were: resting (maker) or taking liquidity (taker).</summary>
public enum Liquidity : byte
{
    None = 0,
    Maker = 1,
    Taker = 2,
}
