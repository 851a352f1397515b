using System.Numerics;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The Q47.16 operations of grammar/README.md §6, written again from the text with 128-bit
/// integers, so the reference shares no code with Runtime.Abi.Q or the compiler's folder.
/// </summary>
internal static class QRef
{
    public const long One = 65536;

    /// <summary>Two's-complement wrap to 64 bits (the low 64 bits of the exact value).</summary>
    public static long Wrap(Int128 exact) => unchecked((long)exact);

    /// <summary>Exact product, floor-divided by 2^16 (toward minus infinity), wrapped.</summary>
    public static long Mul(long a, long b)
    {
        Int128 product = (Int128)a * b;
        Int128 quotient = product / One;
        if (product % One != 0 && product < 0)
            quotient -= 1; // / truncates; the reference floors
        return Wrap(quotient);
    }

    /// <summary>(a * 2^16) / b truncated toward zero, wrapped; b = 0 gives 0.</summary>
    public static long Div(long a, long b) => b == 0 ? 0 : Wrap((Int128)a * One / b);

    public static long FromWhole(long whole) => whole * One;

    /// <summary>Exact sum of the samples divided by their count, truncated toward zero (§7 rule 4).</summary>
    public static long Mean(IReadOnlyList<long> samples)
    {
        Int128 sum = 0;
        foreach (var x in samples)
            sum += x;
        return (long)(sum / samples.Count);
    }

    /// <summary>floor(sqrt(v)) by bisection on arbitrary-precision integers: slow and obviously right.</summary>
    public static BigInteger Isqrt(BigInteger v)
    {
        if (v.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(v));
        BigInteger lo = 0, hi = BigInteger.One << (int)(v.GetBitLength() / 2 + 1);
        while (hi - lo > 1) // invariant: lo^2 <= v < hi^2
        {
            var mid = (lo + hi) / 2;
            if (mid * mid <= v)
                lo = mid;
            else
                hi = mid;
        }
        return lo;
    }
}
