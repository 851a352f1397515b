namespace ScalpLang.Runtime.Model;

/// <summary>
/// Exact conversion from a source's scaled integers (LOBSTER prices are dollars x 10000) to
/// whole steps of a decimal grid (the instrument's tick or lot size), with integer arithmetic
/// only: one step is <c>Numerator / Denominator</c> source units, so
/// <c>steps = units * Denominator / Numerator</c>, exact when the division leaves no remainder.
/// Built once per file; the per-row work is one multiply, one divide and one remainder.
/// </summary>
public readonly struct GridScale
{
    private GridScale(long numerator, long denominator, decimal step, long unitsPerWhole)
    {
        Numerator = numerator;
        Denominator = denominator;
        Step = step;
        UnitsPerWhole = unitsPerWhole;
    }

    /// <summary>Source units per step, as a reduced fraction.</summary>
    public long Numerator { get; }

    public long Denominator { get; }

    /// <summary>The grid step (tick or lot size) in whole currency units or shares.</summary>
    public decimal Step { get; }

    /// <summary>Source units per whole currency unit (10000 for LOBSTER prices).</summary>
    public long UnitsPerWhole { get; }

    /// <summary>Source units per step as a decimal, for messages.</summary>
    public decimal UnitsPerStep => (decimal)Numerator / Denominator;

    public static GridScale Create(decimal step, long unitsPerWhole)
    {
        if (step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "a grid step must be positive");
        if (unitsPerWhole <= 0)
            throw new ArgumentOutOfRangeException(nameof(unitsPerWhole), unitsPerWhole, "must be positive");
        // decimal is exact base 10, so step * unitsPerWhole is exact; scale it to an integer
        // numerator over a power of ten, then reduce.
        decimal unitsPerStep = step * unitsPerWhole;
        long denominator = 1;
        while (decimal.Truncate(unitsPerStep) != unitsPerStep)
        {
            unitsPerStep *= 10;
            denominator *= 10;
        }
        if (unitsPerStep > long.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(step), step, "grid step too large");
        long numerator = (long)unitsPerStep;
        long gcd = Gcd(numerator, denominator);
        return new GridScale(numerator / gcd, denominator / gcd, step, unitsPerWhole);
    }

    /// <summary>False when <paramref name="units"/> is not a whole number of steps (or overflows).</summary>
    public bool TryToSteps(long units, out long steps)
    {
        Int128 scaled = (Int128)units * Denominator;
        Int128 quotient = Int128.DivRem(scaled, Numerator).Quotient;
        if (quotient * Numerator != scaled || quotient > long.MaxValue || quotient < long.MinValue)
        {
            steps = 0;
            return false;
        }
        steps = (long)quotient;
        return true;
    }

    /// <summary>
    /// <paramref name="units"/> in steps as Q47.16 (steps x 65536), for values that may fall
    /// between steps, such as a midpoint trade half a tick inside the quotes. Exact when the
    /// fraction is a multiple of 1/65536 step (any half, quarter...); otherwise rounded once to the
    /// nearest, ties away from zero, as grammar/README.md §6 quantises literals.
    /// </summary>
    public long ToQ16Steps(long units)
    {
        Int128 scaled = ((Int128)units * Denominator) << 16;
        var (quotient, remainder) = Int128.DivRem(scaled, Numerator);
        if (Int128.Abs(remainder) * 2 >= Numerator)
            quotient += Int128.Sign(scaled);
        return checked((long)quotient);
    }

    /// <summary>The source units of <paramref name="steps"/> steps (exact when representable).</summary>
    public long ToUnits(long steps) => checked(steps * Numerator / Denominator);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
