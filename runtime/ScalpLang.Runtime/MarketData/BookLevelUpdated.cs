using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.MarketData;

/// <summary>
/// An aggregated (L2) update: the total displayed size at <see cref="Price"/> on
/// <see cref="Side"/> is now <see cref="Size"/>; zero removes the level. Sources without order
/// ids (incremental depth feeds, snapshots) speak only this.
/// </summary>
public readonly record struct BookLevelUpdated(
    long TsEvent, long TsRecv, Side Side, Price Price, Quantity Size) : IMarketEvent;
