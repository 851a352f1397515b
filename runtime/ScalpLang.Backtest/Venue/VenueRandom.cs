using System.Numerics;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the venue's only source of randomness. Not
/// <see cref="Random"/>, whose algorithm may change between .NET versions; with this one a seed
/// gives the same latencies on every platform. (The same generator as the runtime's synthetic
/// order flow, which keeps its copy internal.)
/// </summary>
internal struct VenueRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public VenueRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>An independent seed for stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static ulong StreamSeed(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03);
        return SplitMix64(ref x);
    }

    private static ulong SplitMix64(ref ulong state)
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

    /// <summary>Uniform in <c>[min, max]</c> without modulo bias (Lemire's multiply-and-reject).</summary>
    public long NextInclusive(long min, long max)
    {
        ulong range = (ulong)(max - min) + 1;
        if (range == 0)
            return (long)NextUInt64(); // the whole 64-bit range
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), range, out low);
        }
        return min + (long)high;
    }
}
