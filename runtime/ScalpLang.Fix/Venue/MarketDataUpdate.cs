using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

public enum MarketEntryKind : byte
{
    Bid = 0,
    Offer = 1,
    Trade = 2,
}

/// <summary>One entry of a snapshot or incremental refresh: a level's new size (0 deletes it), or a trade.</summary>
public readonly record struct MarketEntry(MarketEntryKind Kind, long PriceTicks, long SizeLots, long TsEvent)
{
    public Side Side => Kind == MarketEntryKind.Bid ? Side.Buy : Side.Sell;
}

/// <summary>
/// A MarketDataSnapshotFullRefresh (W, <see cref="IsSnapshot"/>: the whole book) or
/// MarketDataIncrementalRefresh (X: changes in order) in ticks and lots.
/// </summary>
public sealed record MarketDataUpdate(bool IsSnapshot, long TsEvent, long TsRecv, IReadOnlyList<MarketEntry> Entries);
