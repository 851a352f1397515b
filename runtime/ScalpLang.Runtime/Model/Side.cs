namespace ScalpLang.Runtime.Model;

/// <summary>
/// The side of an order. Zero is deliberately not a side, so a default-initialised event is
/// visibly invalid instead of silently a buy (as nautilus_trader's <c>NoOrderSide</c>).
/// </summary>
public enum Side : byte
{
    Buy = 1,
    Sell = 2,
}

/// <summary>Which side initiated a trade; crosses and auctions have none.</summary>
public enum AggressorSide : byte
{
    None = 0,
    Buyer = 1,
    Seller = 2,
}

public static class SideExtensions
{
    public static Side Opposite(this Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    /// <summary>The aggressor of a trade that executed a resting order on <paramref name="resting"/>.</summary>
    public static AggressorSide AggressorAgainst(this Side resting) =>
        resting == Side.Buy ? AggressorSide.Seller : AggressorSide.Buyer;
}
