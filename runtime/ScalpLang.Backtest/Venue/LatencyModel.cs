namespace ScalpLang.Backtest.Venue;

public enum LatencyKind : byte
{
    Constant = 0,
    Uniform = 1,
    Normal = 2,
    LogNormal = 3,
}

/// <summary>
/// A one-way latency distribution in whole nanoseconds: constant, uniform over an inclusive
/// range, normal (mean, standard deviation) or lognormal (median, sigma), the last two truncated
/// to <c>[min, max]</c> (min defaults to 0, so no latency is negative). Immutable and shareable;
/// sampling takes the caller's generator, so one model can serve several seeded streams.
/// <para>
/// Normal and lognormal are sampled by inverse transform from a quantile table built once here
/// (4097 quantiles, evenly spaced in probability over the truncated range, rounded to whole ns)
/// with linear interpolation between neighbours: after construction a sample is integer
/// arithmetic only, so the same seed gives the same nanoseconds everywhere the table is the same.
/// The table's extremes are the 0.012% and 99.988% quantiles of the truncated distribution, so
/// rarer tails are clipped there.
/// </para>
/// </summary>
public sealed partial class LatencyModel
{
    private const int Cells = 4096;

    private readonly long[]? _quantiles;

    private LatencyModel(LatencyKind kind, long a, long b, decimal sigma, long min, long max)
    {
        Kind = kind;
        A = a;
        B = b;
        Sigma = sigma;
        Min = min;
        Max = max;
        if (kind is LatencyKind.Normal or LatencyKind.LogNormal)
            _quantiles = BuildTable();
    }

    public static LatencyModel Zero { get; } = Constant(0);

    /// <summary>Always 0 ns (a constant of 0): nothing is delayed.</summary>
    public bool IsZero => Kind == LatencyKind.Constant && A == 0;

    public LatencyKind Kind { get; }

    /// <summary>The constant; the uniform lower bound; the normal mean; the lognormal median.</summary>
    public long A { get; }

    /// <summary>The uniform upper bound; the normal standard deviation.</summary>
    public long B { get; }

    /// <summary>The lognormal shape (standard deviation of ln latency).</summary>
    public decimal Sigma { get; }

    /// <summary>Truncation bounds in ns (the range itself for constant and uniform).</summary>
    public long Min { get; }

    public long Max { get; }

    public static LatencyModel Constant(long nanos)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanos);
        return new LatencyModel(LatencyKind.Constant, nanos, nanos, 0, nanos, nanos);
    }

    public static LatencyModel Uniform(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return new LatencyModel(LatencyKind.Uniform, min, max, 0, min, max);
    }

    /// <summary>Normal truncated to <c>[min, max]</c>.</summary>
    public static LatencyModel Normal(long mean, long standardDeviation, long min = 0, long max = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(standardDeviation);
        CheckRange(min, max);
        return new LatencyModel(LatencyKind.Normal, mean, standardDeviation, 0, min, max);
    }

    /// <summary>Lognormal with the given median and sigma, truncated to <c>[min, max]</c>.</summary>
    public static LatencyModel LogNormal(long median, decimal sigma, long min = 0, long max = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(median);
        if (sigma <= 0 || sigma > 5)
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be in (0, 5]");
        CheckRange(min, max);
        return new LatencyModel(LatencyKind.LogNormal, median, 0, sigma, min, max);
    }

    private static void CheckRange(long min, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
    }

    /// <summary>One latency in ns, drawn with <paramref name="random"/>.</summary>
    internal long Sample(ref VenueRandom random)
    {
        switch (Kind)
        {
            case LatencyKind.Constant:
                return A;
            case LatencyKind.Uniform:
                return random.NextInclusive(A, B);
            default:
                ulong u = random.NextUInt64();
                int cell = (int)(u >> 52); // 12 bits: one of 4096 cells
                long low = _quantiles![cell], high = _quantiles[cell + 1];
                ulong fraction = (u >> 20) & 0xFFFF_FFFF; // the next 32 bits place the sample inside it
                return low + (long)(((Int128)(high - low) * fraction) >> 32);
        }
    }

    private long[] BuildTable()
    {
        double lo = Cdf(Min), hi = Cdf(Max);
        if (!(hi - lo > 1e-9))
            throw new ArgumentOutOfRangeException(nameof(Min), $"the range {DurationText.Format(Min)}..{FormatMax(Max)} holds almost none of the distribution");
        var table = new long[Cells + 1];
        for (int i = 0; i <= Cells; i++)
        {
            double p = lo + (hi - lo) * (i + 0.5) / (Cells + 1);
            double x = Quantile(p);
            long ns = double.IsNaN(x) ? Min : x >= long.MaxValue ? long.MaxValue : (long)Math.Round(x);
            table[i] = Math.Clamp(ns, Min, Max);
        }
        return table;
    }

    private double Cdf(long x)
    {
        if (x == long.MaxValue)
            return 1;
        return Kind == LatencyKind.Normal
            ? NormalDistribution.Cdf((x - (double)A) / B)
            : x <= 0 ? 0 : NormalDistribution.Cdf(Math.Log(x / (double)A) / (double)Sigma);
    }

    private double Quantile(double p)
    {
        double z = NormalDistribution.Quantile(p);
        return Kind == LatencyKind.Normal ? A + z * B : A * Math.Exp((double)Sigma * z);
    }

    private static string FormatMax(long max) => max == long.MaxValue ? "" : DurationText.Format(max);

    /// <summary>The config string that parses back to this model.</summary>
    public override string ToString() => Kind switch
    {
        LatencyKind.Constant => $"const:{DurationText.Format(A)}",
        LatencyKind.Uniform => $"uniform:{DurationText.Format(A)}..{DurationText.Format(B)}",
        LatencyKind.Normal => $"normal:mean={DurationText.Format(A)},sd={DurationText.Format(B)}{Bounds()}",
        _ => $"lognormal:median={DurationText.Format(A)},sigma={Sigma.ToString(System.Globalization.CultureInfo.InvariantCulture)}{Bounds()}",
    };

    private string Bounds() =>
        (Min != 0 ? $",min={DurationText.Format(Min)}" : "") + (Max != long.MaxValue ? $",max={DurationText.Format(Max)}" : "");
}
