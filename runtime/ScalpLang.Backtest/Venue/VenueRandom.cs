using ScalpLang.Runtime.Randomness;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The venue's only source of randomness: the project's <see cref="Xoshiro256"/> and an unbiased
/// draw in a range, so a seed gives the same latencies on every platform.
/// </summary>
internal struct VenueRandom
{
    private Xoshiro256 _core;

    public VenueRandom(ulong seed) => _core = new Xoshiro256(seed);

    /// <summary>An independent seed for stream <paramref name="stream"/> of a run seeded with <paramref name="seed"/>.</summary>
    public static ulong StreamSeed(ulong seed, ulong stream)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03);
        return Xoshiro256.SplitMix64(ref x);
    }

    public ulong NextUInt64() => _core.NextUInt64();

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
