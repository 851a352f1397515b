using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.MarketData;

/// <summary>Where a trade that is not a visible-order execution came from.</summary>
public enum TradeKind : byte
{
    /// <summary>A trade reported by a trades-only feed.</summary>
    Regular = 0,

    /// <summary>Against hidden liquidity: a real trade that leaves the visible book unchanged.</summary>
    Hidden = 1,

    /// <summary>Opening auction cross: aggregates executions that the book already saw.</summary>
    OpeningCross = 2,

    ClosingCross = 3,

    /// <summary>IPO, halt-resumption and other intra-day crosses.</summary>
    OtherCross = 4,
}

/// <summary>
/// A trade that does not change the visible book (visible executions arrive as
/// <see cref="BookOrderExecuted"/>). Kept for trade-flow signals such as volume and VWAP.
/// <para>
/// Trades against hidden liquidity may print between ticks (a midpoint execution between penny
/// quotes is at half a cent), which is real data, not an error. <see cref="Price"/> is the tick
/// at or below the trade price and <see cref="SubTicks"/> the rest of the way in 1/65536 ticks,
/// the resolution of the language's Q47.16 prices, so <see cref="PriceQ16"/> is exactly what a
/// strategy's <c>last_price</c> and <c>vwap</c> see.
/// </para>
/// </summary>
public readonly record struct TradeTick(
    long TsEvent, long TsRecv, Price Price, Quantity Size, AggressorSide Aggressor, TradeKind Kind, int SubTicks = 0)
    : IMarketEvent
{
    /// <summary>The trade price in ticks as raw Q47.16.</summary>
    public long PriceQ16 => (Price.Ticks << 16) + SubTicks;

    public bool IsOnTickGrid => SubTicks == 0;

    /// <summary>A trade at a raw Q47.16 tick price, split into whole ticks and the fraction.</summary>
    public static TradeTick AtQ16(
        long tsEvent, long tsRecv, long priceQ16, Quantity size, AggressorSide aggressor, TradeKind kind) =>
        new(tsEvent, tsRecv, new Price(priceQ16 >> 16), size, aggressor, kind, (int)(priceQ16 & 0xFFFF));
}
