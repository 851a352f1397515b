using System.Globalization;
using System.Numerics;

namespace ScalpLang.Compiler.Numerics;

/// <summary>
/// The one fixed-point meaning of ScalpLang (grammar/README.md, "Numeric semantics"):
/// signed Q47.16 in 64 bits. Both backends implement exactly these operations; the compiler
/// uses them to fold constants, so a folded constant equals what the strategy would compute.
/// </summary>
public readonly record struct Fixed(long Raw) : IComparable<Fixed>
{
    public const int FractionBits = 16;
    public const long OneRaw = 1L << FractionBits;

    public static Fixed Zero => new(0);
    public static Fixed One => new(OneRaw);

    public static Fixed FromInteger(long value) => new(unchecked(value << FractionBits));

    public bool IsInteger => (Raw & (OneRaw - 1)) == 0;

    /// <summary>Integer part, rounded toward minus infinity (an arithmetic shift).</summary>
    public long Floor => Raw >> FractionBits;

    /// <summary>Two's complement wrap, as the hardware does.</summary>
    public static Fixed Add(Fixed a, Fixed b) => new(unchecked(a.Raw + b.Raw));

    public static Fixed Subtract(Fixed a, Fixed b) => new(unchecked(a.Raw - b.Raw));

    public static Fixed Negate(Fixed a) => new(unchecked(-a.Raw));

    /// <summary>Exact 128-bit product, shifted right arithmetically (rounds toward minus infinity), low 64 bits kept.</summary>
    public static Fixed Multiply(Fixed a, Fixed b)
    {
        var product = (Int128)a.Raw * b.Raw;
        return new((long)(product >> FractionBits));
    }

    /// <summary>(a &lt;&lt; 16) / b in 128 bits, truncated toward zero; division by zero yields 0.</summary>
    public static Fixed Divide(Fixed a, Fixed b)
    {
        if (b.Raw == 0)
            return Zero;
        var quotient = ((Int128)a.Raw << FractionBits) / b.Raw;
        return new((long)quotient);
    }

    public int CompareTo(Fixed other) => Raw.CompareTo(other.Raw);

    public static bool operator <(Fixed a, Fixed b) => a.Raw < b.Raw;
    public static bool operator >(Fixed a, Fixed b) => a.Raw > b.Raw;
    public static bool operator <=(Fixed a, Fixed b) => a.Raw <= b.Raw;
    public static bool operator >=(Fixed a, Fixed b) => a.Raw >= b.Raw;

    /// <summary>The exact decimal value (a Q47.16 number always has a finite decimal expansion).</summary>
    public override string ToString()
    {
        var negative = Raw < 0;
        var magnitude = BigInteger.Abs(Raw);
        var integer = magnitude >> FractionBits;
        var fraction = magnitude & (OneRaw - 1);
        var text = integer.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            // fraction / 2^16 == fraction * 5^16 / 10^16
            var digits = (fraction * BigInteger.Pow(5, FractionBits)).ToString(CultureInfo.InvariantCulture).PadLeft(FractionBits, '0').TrimEnd('0');
            text += "." + digits;
        }
        return negative ? "-" + text : text;
    }
}
