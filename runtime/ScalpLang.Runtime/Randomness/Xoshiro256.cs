using System.Numerics;

namespace ScalpLang.Runtime.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded by expanding a 64-bit seed with SplitMix64: the one
/// generator behind every seeded draw of the project (synthetic order flow, venue latencies). Not
/// <see cref="Random"/>, whose algorithm may change between .NET versions; with this one a seed
/// gives the same numbers on every platform and runtime.
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A generator in a given state (reference test vectors); the state must not be all zero.</summary>
    public static Xoshiro256 FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
            throw new ArgumentException("the xoshiro256** state must not be all zero");
        return new Xoshiro256 { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The SplitMix64 step: advances <paramref name="state"/> and returns its next output.</summary>
    public static ulong SplitMix64(ref ulong state)
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
}
