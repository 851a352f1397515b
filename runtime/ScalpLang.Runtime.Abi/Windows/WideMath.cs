using System.Numerics;

namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>
/// A non-negative integer below 2^192 as three 64-bit limbs, for the exact sums of squares of
/// <see cref="ZscoreWindow"/> (32 squares of 64-bit values need 131 bits, 32 times that 136).
/// A value type with no allocation; only the operations the windows need.
/// </summary>
internal struct UInt192
{
    public ulong L0;
    public ulong L1;
    public ulong L2;

    /// <summary>x * x, exactly (at most 2^126).</summary>
    public static UInt192 Square(long x)
    {
        ulong m = Magnitude(x);
        ulong high = Math.BigMul(m, m, out ulong low);
        return new UInt192 { L0 = low, L1 = high };
    }

    /// <summary>u * u modulo 2^192 (exact for u below 2^96).</summary>
    public static UInt192 Square(UInt128 u)
    {
        var lo = (ulong)u;
        var hi = (ulong)(u >> 64);
        UInt128 lowSquare = (UInt128)lo * lo;
        UInt128 cross = (UInt128)lo * hi;
        UInt128 highSquare = (UInt128)hi * hi;
        // u^2 = lo^2 + 2 lo hi 2^64 + hi^2 2^128: add cross twice at limb 1.
        var result = new UInt192 { L0 = (ulong)lowSquare, L1 = (ulong)(lowSquare >> 64), L2 = (ulong)highSquare };
        result.AddAt1(cross);
        result.AddAt1(cross);
        return result;
    }

    /// <summary>this += x * x.</summary>
    public void AddSquare(long x) => Add(Square(x));

    /// <summary>this -= x * x (the caller keeps the result non-negative).</summary>
    public void SubtractSquare(long x) => Subtract(Square(x));

    public void Add(UInt192 b)
    {
        ulong s0 = L0 + b.L0;
        ulong c0 = s0 < L0 ? 1UL : 0UL;
        ulong s1 = L1 + b.L1;
        ulong c1 = s1 < L1 ? 1UL : 0UL;
        ulong s1c = s1 + c0;
        c1 += s1c < s1 ? 1UL : 0UL;
        L0 = s0;
        L1 = s1c;
        L2 = L2 + b.L2 + c1;
    }

    public void Subtract(UInt192 b)
    {
        ulong d0 = L0 - b.L0;
        ulong b0 = L0 < b.L0 ? 1UL : 0UL;
        ulong d1 = L1 - b.L1;
        ulong b1 = L1 < b.L1 ? 1UL : 0UL;
        ulong d1b = d1 - b0;
        b1 += d1 < b0 ? 1UL : 0UL;
        L0 = d0;
        L1 = d1b;
        L2 = L2 - b.L2 - b1;
    }

    /// <summary>this * n modulo 2^192.</summary>
    public readonly UInt192 Multiply(ulong n)
    {
        UInt128 p0 = (UInt128)L0 * n;
        UInt128 p1 = ((UInt128)L1 * n) + (ulong)(p0 >> 64);
        ulong p2 = (L2 * n) + (ulong)(p1 >> 64);
        return new UInt192 { L0 = (ulong)p0, L1 = (ulong)p1, L2 = p2 };
    }

    /// <summary>floor(this / d) for d &gt; 0 when the quotient is below 2^128.</summary>
    public readonly UInt128 Divide(ulong d)
    {
        if (BitOperations.IsPow2(d))
        {
            int shift = BitOperations.TrailingZeroCount(d);
            if (shift == 0)
                return new UInt128(L1, L0);
            return new UInt128((L1 >> shift) | (L2 << (64 - shift)), (L0 >> shift) | (L1 << (64 - shift)));
        }
        ulong remainder = L2 % d;
        UInt128 n1 = new(remainder, L1);
        var q1 = (ulong)(n1 / d);
        remainder = (ulong)(n1 % d);
        UInt128 n0 = new(remainder, L0);
        var q0 = (ulong)(n0 / d);
        return new UInt128(q1, q0);
    }

    private void AddAt1(UInt128 v)
    {
        ulong s1 = L1 + (ulong)v;
        ulong carry = s1 < L1 ? 1UL : 0UL;
        L1 = s1;
        L2 = L2 + (ulong)(v >> 64) + carry;
    }

    /// <summary>|x| as an unsigned number (2^63 for long.MinValue).</summary>
    public static ulong Magnitude(long x) => x < 0 ? unchecked(0UL - (ulong)x) : (ulong)x;
}

/// <summary>Integer square roots, rounded down, with integer operations only.</summary>
internal static class IntegerRoot
{
    /// <summary>floor(sqrt(v)).</summary>
    public static ulong Floor(UInt128 v)
    {
        if ((ulong)(v >> 64) == 0)
            return Floor((ulong)v);
        // Digit-by-digit (base 4) from the highest power of 4 not above v.
        int top = 127 - (int)UInt128.LeadingZeroCount(v);
        UInt128 bit = UInt128.One << (top & ~1);
        UInt128 root = 0;
        while (bit != 0)
        {
            UInt128 trial = root + bit;
            if (v >= trial)
            {
                v -= trial;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }
            bit >>= 2;
        }
        return (ulong)root;
    }

    /// <summary>floor(sqrt(v)).</summary>
    public static ulong Floor(ulong v)
    {
        if (v == 0)
            return 0;
        int top = 63 - BitOperations.LeadingZeroCount(v);
        ulong bit = 1UL << (top & ~1);
        ulong root = 0;
        while (bit != 0)
        {
            ulong trial = root + bit;
            if (v >= trial)
            {
                v -= trial;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }
            bit >>= 2;
        }
        return root;
    }
}
