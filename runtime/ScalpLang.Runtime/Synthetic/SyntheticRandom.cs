using System.Numerics;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The synthetic generator's only source of randomness: xoshiro256** (Blackman and Vigna),
/// seeded by expanding a 64-bit seed with SplitMix64, plus the two draws the model needs, both
/// in integer arithmetic only: an unbiased integer below a bound (Lemire's multiply-and-reject)
/// and an exponential variate in fixed point. Not <see cref="Random"/>, whose algorithm may change
/// between .NET versions; with this one a seed gives the same numbers on every platform and
/// runtime, so the same seed gives the same event sequence bit for bit.
/// </summary>
internal struct SyntheticRandom
{
    /// <summary>ln 2 x 2^32, rounded.</summary>
    private const long Ln2Q32 = 2_977_044_472;

    private ulong _s0, _s1, _s2, _s3;

    public SyntheticRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator in a given state (for the reference test vectors); the state must not be all zero.</summary>
    internal static SyntheticRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
            throw new ArgumentException("the xoshiro256** state must not be all zero");
        return new SyntheticRandom { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The SplitMix64 step: advances <paramref name="state"/> and returns its next output.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

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
