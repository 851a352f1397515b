using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>Everything a <see cref="SimulatedVenue"/> is configured with; one venue per instrument.</summary>
public sealed record VenueConfig(Instrument Instrument)
{
    public FeeSchedule Fees { get; init; } = FeeSchedule.Zero;

    /// <summary>Strategy to venue: a request sent at t reaches the matching engine at t + this.</summary>
    public LatencyModel OrderEntryLatency { get; init; } = LatencyModel.Zero;

    /// <summary>Venue to strategy: acks, rejects, fills and cancels.</summary>
    public LatencyModel ReportLatency { get; init; } = LatencyModel.Zero;

    /// <summary>Venue to strategy: a market event received (<c>TsRecv</c>, equal to its exchange time in most replays) at t is seen at t + this.</summary>
    public LatencyModel MarketDataLatency { get; init; } = LatencyModel.Zero;

    /// <summary>Seeds the three latency streams (each its own generator, so changing one leaves the others' draws alone).</summary>
    public ulong Seed { get; init; } = 1;

    public PriceBand? PriceBand { get; init; }

    public OrderRateLimit? OrderRateLimit { get; init; }

    public L2CancelRule L2Cancels { get; init; } = L2CancelRule.ProRata;

    /// <summary>Expected peak of own live orders (pools grow past it).</summary>
    public int OrderCapacity { get; init; } = 256;

    /// <summary>Expected peak of resting market orders in the venue's book.</summary>
    public int BookCapacity { get; init; } = 4096;
}
