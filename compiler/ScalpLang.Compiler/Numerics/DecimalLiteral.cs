using System.Globalization;
using System.Numerics;

namespace ScalpLang.Compiler.Numerics;

/// <summary>
/// Exact decimal literals and their one-time quantisation (grammar/README.md): a literal is read
/// as an exact rational number, scaled by its unit, then rounded to the nearest representable
/// value, ties away from zero. Nothing else in the compiler turns decimals into bits.
/// </summary>
public readonly record struct DecimalLiteral(BigInteger Numerator, BigInteger Denominator)
{
    /// <summary>Parses digits such as "12", "0.5" (no sign, no separators).</summary>
    public static DecimalLiteral Parse(string digits)
    {
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
            return new(BigInteger.Parse(digits, CultureInfo.InvariantCulture), BigInteger.One);
        var whole = digits[..dot] + digits[(dot + 1)..];
        return new(BigInteger.Parse(whole, CultureInfo.InvariantCulture), BigInteger.Pow(10, digits.Length - dot - 1));
    }

    public DecimalLiteral Scale(long multiplier, long divisor) => new(Numerator * multiplier, Denominator * divisor);

    public bool IsZero => Numerator.IsZero;

    /// <summary>Nearest Q47.16 value, ties away from zero; false when it does not fit in 64 bits.</summary>
    public bool TryToFixed(out Fixed value)
    {
        var scaled = Numerator << Fixed.FractionBits;
        var raw = RoundHalfAwayFromZero(scaled, Denominator);
        return TryNarrow(raw, out value);
    }

    /// <summary>An exact whole number of the given unit (e.g. nanoseconds); false when not whole or too large.</summary>
    public bool TryToWholeNumber(out long value, out bool isWhole)
    {
        isWhole = (Numerator % Denominator).IsZero;
        var whole = Numerator / Denominator;
        if (whole > long.MaxValue)
        {
            value = 0;
            return false;
        }
        value = (long)whole;
        return true;
    }

    /// <summary>Relative error of the quantised value against the exact literal (0 when exact).</summary>
    public double RelativeError(Fixed quantised)
    {
        if (Numerator.IsZero)
            return 0;
        var exact = (double)Numerator / (double)Denominator;
        var stored = quantised.Raw / (double)Fixed.OneRaw;
        return Math.Abs(stored - exact) / Math.Abs(exact);
    }

    public override string ToString() =>
        Denominator.IsOne ? Numerator.ToString(CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";

    private static BigInteger RoundHalfAwayFromZero(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= denominator)
            quotient += numerator.Sign;
        return quotient;
    }

    private static bool TryNarrow(BigInteger raw, out Fixed value)
    {
        if (raw > long.MaxValue || raw < long.MinValue)
        {
            value = Fixed.Zero;
            return false;
        }
        value = new Fixed((long)raw);
        return true;
    }
}
