using System.Numerics;
using ScalpLang.Runtime.Randomness;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The synthetic generator's only source of randomness: the project's <see cref="Xoshiro256"/>
/// plus the two draws the model needs, both in integer arithmetic only: an unbiased integer below
/// a bound (Lemire's multiply-and-reject) and an exponential variate in fixed point. The same seed
/// gives the same event sequence bit for bit on every platform.
/// </summary>
internal struct SyntheticRandom
{
    /// <summary>ln 2 x 2^32, rounded.</summary>
    private const long Ln2Q32 = 2_977_044_472;

    private Xoshiro256 _core;

    public SyntheticRandom(ulong seed) => _core = new Xoshiro256(seed);

    /// <summary>A generator in a given state (for the reference test vectors); the state must not be all zero.</summary>
    internal static SyntheticRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3) =>
        new() { _core = Xoshiro256.FromState(s0, s1, s2, s3) };

    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>Uniform in <c>[0, bound)</c>, without modulo bias; <paramref name="bound"/> must be positive.</summary>
    public long NextBelow(long bound)
    {
        ulong range = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (long)high;
    }

    /// <summary>Uniform in <c>[min, max]</c>.</summary>
    public long NextInclusive(long min, long max) => min + NextBelow(max - min + 1);

    /// <summary>True with probability <paramref name="percent"/>/100.</summary>
    public bool Chance(int percent) => NextBelow(100) < percent;

    /// <summary>
    /// A unit-mean exponential variate, <c>-ln U</c> for U uniform on (0, 1], as Q16 (x 65536).
    /// Integer only: log2 by repeated squaring of a 32-bit mantissa, 16 fraction bits, then
    /// times ln 2. At most about 43.7 (U = 2^-63).
    /// </summary>
    public long NextExponentialQ16() => NegativeLnQ16(NextUInt64());

    /// <summary><c>-ln(((x >> 1) + 1) / 2^63)</c> as Q16; exposed for tests.</summary>
    internal static long NegativeLnQ16(ulong x)
    {
        ulong v = (x >> 1) + 1; // 1 .. 2^63
        int n = 63 - BitOperations.LeadingZeroCount(v); // floor(log2 v)
        ulong m = n >= 31 ? v >> (n - 31) : v << (31 - n); // mantissa in [2^31, 2^32), Q1.31
        long fraction = 0;
        for (int i = 0; i < 16; i++)
        {
            m = (m * m) >> 31;
            fraction <<= 1;
            if (m >= 1UL << 32)
            {
                m >>= 1;
                fraction |= 1;
            }
        }
        long negativeLog2Q16 = ((long)(63 - n) << 16) - fraction;
        return (negativeLog2Q16 * Ln2Q32) >> 32;
    }
}
