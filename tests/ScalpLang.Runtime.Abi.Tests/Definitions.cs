using System.Numerics;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>
/// The reference's arithmetic written from grammar/README.md §6 with unbounded integers, with
/// nothing shared with the runtime: what every test compares against.
/// </summary>
internal static class Definitions
{
    private static readonly BigInteger TwoTo64 = BigInteger.One << 64;
    public static readonly BigInteger One = 65536;

    /// <summary>The low 64 bits of v as a two's-complement value.</summary>
    public static long Wrap(BigInteger v)
    {
        var low = ((v % TwoTo64) + TwoTo64) % TwoTo64;
        return low >= (TwoTo64 >> 1) ? (long)(low - TwoTo64) : (long)low;
    }

    /// <summary>floor(a / b) for b &gt; 0.</summary>
    public static BigInteger FloorDiv(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r < 0 ? q - 1 : q;
    }

    /// <summary>a * b: exact product, floor(product / 2^16), low 64 bits.</summary>
    public static long Mul(long a, long b) => Wrap(FloorDiv((BigInteger)a * b, One));

    /// <summary>a / b: (a * 2^16) / b truncated toward zero, low 64 bits; 0 when b = 0.</summary>
    public static long Div(long a, long b) => b == 0 ? 0 : Wrap(BigInteger.Divide((BigInteger)a * One, b));

    /// <summary>a - b and a + b wrapping.</summary>
    public static long Sub(long a, long b) => Wrap((BigInteger)a - b);

    public static long Add(long a, long b) => Wrap((BigInteger)a + b);

    /// <summary>sum / n truncated toward zero (the mean's definition; the exact sum never wraps).</summary>
    public static long Mean(BigInteger sum, int n) => (long)BigInteger.Divide(sum, n);

    /// <summary>floor(sqrt(v)) for v &gt;= 0, by bisection (slow and obviously right).</summary>
    public static BigInteger Isqrt(BigInteger v)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(v);
        BigInteger lo = 0, hi = BigInteger.One << (int)((v.GetBitLength() / 2) + 1);
        // Invariant: lo^2 <= v < hi^2.
        while (hi - lo > 1)
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
