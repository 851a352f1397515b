using System.Numerics;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The windows of grammar/README.md §7, recomputed from the raw event history at one event
/// <c>j</c> by their definitions, with no state carried between calls. Every method takes the
/// events' buckets (<see cref="Buckets"/>) and the per-event amounts or samples.
/// </summary>
internal static class WindowRef
{
    public const int Count = 32;

    /// <summary>ema's alpha, 2/33 rounded to nearest 2^-16 (not 2 / 33 in the language, which truncates to 3971).</summary>
    public const long EmaAlpha = 3972;

    /// <summary>
    /// k(t) = floor(t / width) per event, except that an event older than the newest bucket seen
    /// counts in the newest (rule 1: a window's time never goes back).
    /// </summary>
    public static long[] Buckets(long[] ts, long width)
    {
        var buckets = new long[ts.Length];
        long newest = long.MinValue;
        for (var i = 0; i < ts.Length; i++)
        {
            newest = Math.Max(newest, ts[i] / width);
            buckets[i] = newest;
        }
        return buckets;
    }

    /// <summary>Rule 2: the wrapping sum of the amounts of the events in buckets k(j)-31 .. k(j).</summary>
    public static long Sum(long[] buckets, long[] amounts, int j)
    {
        long sum = 0;
        for (var e = j; e >= 0 && buckets[e] >= buckets[j] - (Count - 1); e--)
            sum = unchecked(sum + amounts[e]);
        return sum;
    }

    /// <summary>
    /// Rule 3: the bucket samples held at event j, oldest first: buckets from the first event's
    /// bucket (at most the newest 32) to k(j), each the last sample seen at or before it.
    /// </summary>
    public static List<long> Samples(long[] buckets, long[] samples, int j)
    {
        long newest = buckets[j];
        long oldest = Math.Max(buckets[0], newest - (Count - 1));
        var held = new List<long>(Count);
        var e = j;
        for (var k = newest; k >= oldest; k--)
        {
            while (buckets[e] > k)
                e--;
            held.Add(samples[e]);
        }
        held.Reverse();
        return held;
    }

    /// <summary>Rule 5: (x - m) / s with s = isqrt(floor((n Σx² - (Σx)²) / n²)); 0 when s is 0.</summary>
    public static long Zscore(List<long> held)
    {
        BigInteger n = held.Count, sum = 0, squares = 0;
        foreach (var x in held)
        {
            sum += x;
            squares += (BigInteger)x * x;
        }
        var s = (long)QRef.Isqrt((n * squares - sum * sum) / (n * n));
        long x0 = held[^1];
        return QRef.Div(unchecked(x0 - QRef.Mean(held)), s);
    }

    /// <summary>Rule 6: (peak - equity) / peak with peak the highest held sample; 0 when peak &lt;= 0.</summary>
    public static long Drawdown(List<long> held)
    {
        long peak = held.Max(), equity = held[^1];
        return peak <= 0 ? 0 : QRef.Div(unchecked(peak - equity), peak);
    }

    /// <summary>
    /// Rule 7 replayed from the first event: e starts at the first sample; an event g buckets later
    /// closes g buckets with the previous bucket's last sample, e &lt;- e + alpha * (x - e) each,
    /// stopping once a close leaves e unchanged.
    /// </summary>
    public static long Ema(long[] buckets, long[] samples, int j, long alpha = EmaAlpha)
    {
        long e = samples[0];
        for (var i = 1; i <= j; i++)
        {
            long x = samples[i - 1];
            for (long g = buckets[i] - buckets[i - 1]; g > 0; g--)
            {
                long next = unchecked(e + QRef.Mul(alpha, unchecked(x - e)));
                if (next == e)
                    break;
                e = next;
            }
        }
        return e;
    }

    /// <summary>
    /// atr (§7): bars of <c>bars</c> (floor(t / B), never going back); the completed bars among the
    /// last N, from the first trade's bar on; each bar's true range against the previous close (the
    /// first trade's price for the first bar), 0 for a bar without trades; their mean, truncated.
    /// </summary>
    public static long Atr(long[] bars, bool[] isTrade, long[] prices, int firstTrade, int n, int j)
    {
        if (firstTrade < 0 || firstTrade > j)
            return 0;
        long current = bars[j], lo = Math.Max(bars[firstTrade], current - n), hi = current - 1;
        if (lo > hi)
            return 0;
        var s = j;
        while (s > 0 && bars[s - 1] >= lo)
            s--;
        long previousClose = prices[firstTrade];
        if (lo > bars[firstTrade])
        {
            var t = s - 1;
            while (!isTrade[t])
                t--;
            previousClose = prices[t];
        }
        Int128 sum = 0;
        var e = s;
        for (var b = lo; b <= hi; b++)
        {
            bool traded = false;
            long high = 0, low = 0, close = 0;
            for (; e <= j && bars[e] == b; e++)
            {
                if (!isTrade[e])
                    continue;
                high = traded ? Math.Max(high, prices[e]) : prices[e];
                low = traded ? Math.Min(low, prices[e]) : prices[e];
                close = prices[e];
                traded = true;
            }
            if (!traded)
                continue; // flat at the previous close: true range 0
            sum += unchecked(Math.Max(high, previousClose) - Math.Min(low, previousClose));
            previousClose = close;
        }
        return (long)(sum / (hi - lo + 1));
    }
}
