namespace ScalpLang.Fix.Venue;

/// <summary>Order-routing and market-data tags that <see cref="Codec.FixTag"/> does not name.</summary>
public static class RoutingTags
{
    public const int Commission = 12;
    public const int CommType = 13;
    public const int MDEntryDate = 272;
    public const int MDEntryTime = 273;
    public const int LastLiquidityInd = 851;
}
