namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The parameters of the synthetic order-flow model (<see cref="SyntheticOrderFlow"/>), all
/// integers: rates are in micro-events per second (µHz, 1 000 000 = once a second), multipliers
/// in percent, sizes in lots, times in nanoseconds. Changing any of them changes every seed's
/// event sequence (the pinned hash in the tests says so).
/// </summary>
internal static class SyntheticModel
{
    // ---- opening book ----------------------------------------------------------------------

    /// <summary>The opening best bid, $100.00 at a one-cent tick; the opening ask is one tick above.</summary>
    public const long OpeningBid = 10_000;

    /// <summary>The opening book: this many levels per side ...</summary>
    public const int OpeningLevels = 30;

    /// <summary>... with this many orders each, added bid and ask alternately, 1 µs apart.</summary>
    public const int OpeningOrdersPerLevel = 2;

    public const int OpeningEvents = 2 * OpeningLevels * OpeningOrdersPerLevel;

    public const long OpeningSpacingNanos = 1_000;

    // ---- limit orders ----------------------------------------------------------------------

    /// <summary>
    /// Limit orders of one side arrive at distance d = 1..<see cref="ProfileDepth"/> ticks from
    /// the opposite best (a bid at ask - d: d = 1 joins or improves the bid, never locks), at
    /// rate <c>λ(d) = TouchLimitRate / sqrt(d)</c>: the power-law profile of Cont, Stoikov and
    /// Talreja (exponent 0.52 measured there), as integers.
    /// </summary>
    public const int ProfileDepth = 40;

    /// <summary>λ(1): 5 orders a second per side; about 28 a second per side over all 40 distances.</summary>
    public const long TouchLimitRate = 5_000_000;

    /// <summary>Distances d up to this count as "near" for the regime multipliers.</summary>
    public const int NearDistance = 3;

    // ---- cancellations ---------------------------------------------------------------------

    /// <summary>
    /// Every resting order is cancelled at a constant rate, so a level loses orders in proportion
    /// to what rests there (the θ·Q_i of Cont-Stoikov-Talreja, Q_i counted in orders): orders
    /// within <see cref="NearTicks"/> ticks of the own best (the best level and the four behind
    /// it) at <see cref="NearCancelRate"/> each, deeper ones at <see cref="FarCancelRate"/>.
    /// </summary>
    public const int NearTicks = 5;

    /// <summary>0.6 a second per order: a mean life of 1.7 s near the touch ...</summary>
    public const long NearCancelRate = 600_000;

    /// <summary>... and 0.5 a second (2 s) deeper.</summary>
    public const long FarCancelRate = 500_000;

    /// <summary>Share of cancellations that only reduce an order (the rest delete it).</summary>
    public const int PartialCancelPercent = 10;

    /// <summary>Orders further than this from the opposite best (left behind by the price) are pulled.</summary>
    public const int StaleTicks = 64;

    /// <summary>Pulling a stale order happens this long after the move that left it behind.</summary>
    public const long StalePullDelayNanos = 2_000;

    // ---- market orders ---------------------------------------------------------------------

    /// <summary>
    /// Market orders per side, 6 a second; each executes against the opposite best, front of the
    /// queue first, and walks on to the next level when larger than the touch.
    /// </summary>
    public const long MarketRate = 6_000_000;

    /// <summary>A market order empties at most this many levels (larger ones are cut short) ...</summary>
    public const int MaxSweepLevels = 4;

    /// <summary>... and fills at most this many resting orders.</summary>
    public const int MaxFills = 32;

    /// <summary>
    /// Depth floor: cancels and market orders never leave a side with fewer occupied levels
    /// (they shrink the order instead, or do not happen).
    /// </summary>
    public const int MinLevels = 12;

    // ---- order sizes -----------------------------------------------------------------------

    // The tables are arrays behind span properties: a collection expression returned as a span
    // would allocate on every access in unoptimised (Debug) code, through RuntimeHelpers.CreateSpan.

    /// <summary>Order sizes in lots (shares) and their weights in percent; 0 stands for an odd lot of 1-99.</summary>
    public static ReadOnlySpan<long> Sizes => _sizes;

    private static readonly long[] _sizes = [0, 100, 200, 300, 400, 500, 1_000, 1_500];

    public static ReadOnlySpan<int> SizeWeights => _sizeWeights;

    private static readonly int[] _sizeWeights = [15, 42, 17, 9, 5, 7, 4, 1];

    // ---- regimes ---------------------------------------------------------------------------

    // Regimes switch at scheduled times: from Normal to a burst or a thin spell (weights below),
    // from any other back to Normal. Each lasts an exponential time with the regime's mean.

    public const int Normal = 0, BuyBurst = 1, SellBurst = 2, Thin = 3, RegimeCount = 4;

    /// <summary>Weights (percent) of the regime that follows Normal (Normal, BuyBurst, SellBurst, Thin).</summary>
    public static ReadOnlySpan<int> AfterNormal => _afterNormal;

    private static readonly int[] _afterNormal = [0, 35, 35, 30];

    /// <summary>
    /// A weak anchor keeps the price from wandering off over very long runs (a billion events
    /// is weeks of simulated time): for every <see cref="AnchorTicks"/> ticks the mid is away
    /// from the opening price, one point of burst weight moves from the burst that would take it
    /// further to the one that brings it back, at most <see cref="MaxAnchorLean"/> points.
    /// Negligible within the default run (the mid rarely moves 100 ticks there).
    /// </summary>
    public const long AnchorTicks = 25;

    public const long MaxAnchorLean = 30;

    /// <summary>Mean duration of each regime, ns.</summary>
    public static ReadOnlySpan<long> MeanDurationNanos => _meanDurationNanos;

    private static readonly long[] _meanDurationNanos = [30_000_000_000, 1_000_000_000, 1_000_000_000, 5_000_000_000];

    // Multipliers (percent), indexed [regime * 2 + side], side 0 = bid / buyer, 1 = ask / seller.

    /// <summary>Near (d &lt;= <see cref="NearDistance"/>) limit order rates: bursts draw followers on the aggressor's side; in thin spells makers step back on both.</summary>
    public static ReadOnlySpan<int> NearLimitPercent => _nearLimitPercent;

    private static readonly int[] _nearLimitPercent = [100, 100, 130, 100, 100, 130, 20, 20];

    /// <summary>Near cancellation rates: the side a burst runs into withdraws; thin spells cancel both.</summary>
    public static ReadOnlySpan<int> NearCancelPercent => _nearCancelPercent;

    private static readonly int[] _nearCancelPercent = [100, 100, 100, 150, 150, 100, 250, 250];

    /// <summary>Market order rates by aggressor (buyers, sellers).</summary>
    public static ReadOnlySpan<int> MarketPercent => _marketPercent;

    private static readonly int[] _marketPercent = [100, 100, 350, 30, 30, 350, 100, 100];

    /// <summary>Market order sizes by aggressor: bursts are volume spikes.</summary>
    public static ReadOnlySpan<int> MarketSizePercent => _marketSizePercent;

    private static readonly int[] _marketSizePercent = [100, 100, 200, 100, 100, 200, 100, 100];

    // ---- spoofing episodes -----------------------------------------------------------------

    /// <summary>
    /// Rate of spoofing episodes (when none is running): <see cref="SpoofOrdersMin"/> to
    /// <see cref="SpoofOrdersMax"/> large orders appear on one side, one per level just behind the
    /// best, stay <see cref="SpoofHoldMinNanos"/> to <see cref="SpoofHoldMaxNanos"/>, then are
    /// all cancelled within microseconds: fake imbalance, then a cancellation burst.
    /// </summary>
    public const long SpoofRate = 70_000;

    public const int SpoofOrdersMin = 3, SpoofOrdersMax = 5;

    /// <summary>Spoof order sizes, in hundreds of lots.</summary>
    public const long SpoofHundredsMin = 20, SpoofHundredsMax = 50;

    public const long SpoofHoldMinNanos = 300_000_000, SpoofHoldMaxNanos = 2_500_000_000;

    /// <summary>Gap between the orders of a spoof placement or pull.</summary>
    public const long SpoofSpacingMinNanos = 5_000, SpoofSpacingMaxNanos = 40_000;
}
