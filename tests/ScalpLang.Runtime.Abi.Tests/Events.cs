namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>One event as the windows see it: exchange time and up to two amounts and a flag.</summary>
internal readonly record struct Ev(long T, long A, long B, bool Flag);

/// <summary>What kind of numbers a random sequence carries.</summary>
public enum Values
{
    /// <summary>Market-sized Q47.16 values: sizes 0..1000 lots, prices around 10,000 ticks.</summary>
    Market,

    /// <summary>A = a price walking by up to 5 ticks per event around 10,000 ticks; B = a size.</summary>
    Prices,

    /// <summary>Any 64-bit value, with the extremes (long.MinValue, long.MaxValue, -1, 0, 1) often.</summary>
    Extreme,
}

/// <summary>Seeded random event sequences with irregular time: same bucket, next buckets, gaps
/// longer than the window, repeated and backwards timestamps.</summary>
internal static class EventGen
{
    public static Ev[] Generate(int seed, int count, long windowNs, Values values, long start = -1, long bucketNs = 0)
    {
        var rng = new Random(seed);
        long w = bucketNs > 0 ? bucketNs : windowNs / 32;
        long t = start >= 0 ? start : rng.NextInt64(0, 1L << 50);
        long price = 10_000L << 16;
        var events = new Ev[count];
        for (int i = 0; i < count; i++)
        {
            int r = rng.Next(100);
            long step = r switch
            {
                < 30 => rng.NextInt64(0, Math.Max(1, w / 2)),        // mostly the same bucket
                < 55 => rng.NextInt64(0, (3 * w) + 1),               // the next few buckets
                < 75 => rng.NextInt64(0, windowNs + 1),              // up to a window
                < 83 => windowNs + rng.NextInt64(0, 4 * windowNs),   // longer than the window
                < 86 => 33 * windowNs + rng.NextInt64(0, windowNs),  // far longer (1000+ buckets)
                < 93 => -rng.NextInt64(0, windowNs + 1),             // back in time
                _ => 0,                                              // same timestamp
            };
            t = step >= 0 ? (t > long.MaxValue - step ? long.MaxValue : t + step) : Math.Max(0, t + step);
            price += rng.NextInt64(-5, 6) << 16;
            long a, b;
            if (values == Values.Prices)
            {
                a = price;
                b = rng.Next(4) == 0 ? 0 : rng.NextInt64(0, 1000L << 16);
            }
            else if (values == Values.Market)
            {
                a = rng.Next(4) == 0 ? 0 : rng.NextInt64(0, 1000L << 16);
                b = rng.Next(8) == 0 ? price : rng.NextInt64(0, 1000L << 16);
            }
            else
            {
                a = Extreme(rng);
                b = Extreme(rng);
            }
            events[i] = new Ev(t, a, b, rng.Next(2) == 0);
        }
        return events;
    }

    public static long Extreme(Random rng) => rng.Next(10) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => rng.NextInt64(-2, 3),
        3 => (long)rng.Next(-1000, 1000) << 16,
        4 => rng.Next(2) == 0 ? long.MaxValue - rng.NextInt64(0, 1000) : long.MinValue + rng.NextInt64(0, 1000),
        _ => rng.NextInt64(long.MinValue, long.MaxValue),
    };

    /// <summary>The window sizes every randomized test runs with: tiny buckets (1 ns), odd
    /// widths, and a realistic 30 s window.</summary>
    public static readonly long[] Windows = [32, 64, 32 * 7, 32 * 1000, 32 * 7919, 30_000_000_000];
}
