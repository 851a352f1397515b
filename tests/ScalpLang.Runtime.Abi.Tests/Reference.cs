using System.Numerics;
using static ScalpLang.Runtime.Abi.Tests.Definitions;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>
/// Every window recomputed from its definition (grammar/README.md §7, §8, and the decisions in
/// the window classes' docs) over the whole event list, with unbounded integers: the value after
/// event i looks only at events 0..i. Deliberately naive: no rings, no running sums.
/// </summary>
internal static class Reference
{
    /// <summary>
    /// The bucket each event counts in: floor(t / w), except that an event older than the newest
    /// bucket seen so far belongs to that newest bucket. Non-decreasing.
    /// </summary>
    public static long[] Buckets(Ev[] events, long width)
    {
        var buckets = new long[events.Length];
        long newest = long.MinValue;
        for (int i = 0; i < events.Length; i++)
        {
            newest = Math.Max(newest, events[i].T / width);
            buckets[i] = newest;
        }
        return buckets;
    }

    /// <summary>Sum of amount(j) over the events j &lt;= i whose bucket is within bucket(i)-31 .. bucket(i).</summary>
    private static BigInteger WindowSum(Ev[] events, long[] buckets, int i, Func<Ev, BigInteger> amount)
    {
        BigInteger sum = 0;
        for (int j = i; j >= 0 && buckets[j] >= buckets[i] - 31; j--)
            sum += amount(events[j]);
        return sum;
    }

    private static long[] Each(Ev[] events, Func<int, long> value)
    {
        var values = new long[events.Length];
        for (int i = 0; i < events.Length; i++)
            values[i] = value(i);
        return values;
    }

    /// <summary>trade_volume: A = trade size.</summary>
    public static long[] TradeVolume(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i => Wrap(WindowSum(events, b, i, e => e.A)));
    }

    /// <summary>aggressor_ratio: A = trade size, Flag = aggressor bought.</summary>
    public static long[] AggressorRatio(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i => Div(
            Wrap(WindowSum(events, b, i, e => e.Flag ? e.A : 0)),
            Wrap(WindowSum(events, b, i, e => e.A))));
    }

    /// <summary>cancel_rate: A = cancelled, B = added.</summary>
    public static long[] CancelRate(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i => Div(
            Wrap(WindowSum(events, b, i, e => e.A)),
            Wrap(WindowSum(events, b, i, e => e.B))));
    }

    /// <summary>vwap: A = price, B = size; each product is the language's *.</summary>
    public static long[] Vwap(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i => Div(
            Wrap(WindowSum(events, b, i, e => Mul(e.A, e.B))),
            Wrap(WindowSum(events, b, i, e => e.B))));
    }

    /// <summary>
    /// The samples of the window after event i, oldest first: one per bucket from
    /// max(first event's bucket, bucket(i) - 31) to bucket(i); bucket k's sample is the value of
    /// the last event j &lt;= i whose bucket is &lt;= k (its own last event, or the bucket before's).
    /// </summary>
    public static List<long> Samples(Ev[] events, long[] buckets, int i, Func<Ev, long> value)
    {
        var samples = new List<long>();
        long oldest = Math.Max(buckets[0], buckets[i] - 31);
        int j = i;
        for (long k = buckets[i]; k >= oldest; k--)
        {
            while (buckets[j] > k)
                j--;
            samples.Add(value(events[j]));
        }
        samples.Reverse();
        return samples;
    }

    /// <summary>sma: A = sample. Exact sum / n, truncated toward zero.</summary>
    public static long[] Sma(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i =>
        {
            var s = Samples(events, b, i, e => e.A);
            return Mean(s.Aggregate(BigInteger.Zero, (acc, x) => acc + x), s.Count);
        });
    }

    /// <summary>The population standard deviation of the samples, rounded down to 2^-16 (raw).</summary>
    public static long PopulationStd(List<long> samples)
    {
        // sigma = sqrt(sum((x - mu)^2) / n) with mu = sum / n exactly:
        // (n sigma)^2 = n sum(x^2) - sum(x)^2 = D, so floor(sigma) = floor(floor(sqrt(D)) / n).
        BigInteger n = samples.Count, sum = 0, squares = 0;
        foreach (var x in samples)
        {
            sum += x;
            squares += (BigInteger)x * x;
        }
        return (long)(Isqrt((n * squares) - (sum * sum)) / n);
    }

    /// <summary>zscore: A = sample. (x - mean) / std with the language's - and /.</summary>
    public static long[] Zscore(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i =>
        {
            var s = Samples(events, b, i, e => e.A);
            long mean = Mean(s.Aggregate(BigInteger.Zero, (acc, x) => acc + x), s.Count);
            return Div(Sub(events[i].A, mean), PopulationStd(s));
        });
    }

    /// <summary>drawdown: A = equity. (peak - equity) / peak over the samples; 0 when peak &lt;= 0.</summary>
    public static long[] Drawdown(Ev[] events, long windowNs)
    {
        var b = Buckets(events, windowNs / 32);
        return Each(events, i =>
        {
            long peak = Samples(events, b, i, e => e.A).Max();
            return peak <= 0 ? 0 : Div(Sub(peak, events[i].A), peak);
        });
    }

    /// <summary>
    /// ema: A = sample. e = first sample; every bucket from the first event's to the one before
    /// bucket(i) closes once, in order, with its sample: e = e + alpha * (x - e). No shortcut:
    /// every closed bucket is applied, however long the gap.
    /// </summary>
    public static long[] Ema(Ev[] events, long windowNs)
    {
        const long alpha = 3972;
        var b = Buckets(events, windowNs / 32);
        var values = new long[events.Length];
        long e = events[0].A;
        long closedUpTo = b[0]; // buckets below this have closed
        int last = 0;           // the last event of the bucket being closed
        for (int i = 0; i < events.Length; i++)
        {
            for (; closedUpTo < b[i]; closedUpTo++)
            {
                while (last + 1 < i && b[last + 1] <= closedUpTo)
                    last++;
                long x = events[last].A;
                e = Add(e, Mul(alpha, Sub(x, e)));
            }
            values[i] = e;
        }
        return values;
    }

    /// <summary>
    /// atr: A = last price, Flag = is a trade. Bars by floor(t / B) (older events in the newest
    /// bar), from the bar of the first trade; bar k's close is the price of the last trade in a
    /// bar &lt;= k, its previous close that of bar k - 1 (for the first bar, the first trade's
    /// price); a bar without a trade has high = low = previous close. Mean over the completed
    /// bars among the last N, exact sum truncated toward zero; 0 when none.
    /// </summary>
    public static long[] Atr(Ev[] events, long windowNs, long barNs)
    {
        long n = windowNs / barNs;
        var bars = Buckets(events, barNs);
        int firstTrade = Array.FindIndex(events, e => e.Flag);
        return Each(events, i =>
        {
            if (firstTrade < 0 || firstTrade > i)
                return 0;
            long first = bars[firstTrade], current = bars[i];
            long oldest = Math.Max(first, current - n);
            if (oldest >= current)
                return 0;
            int count = (int)(current - oldest);
            var high = new long?[count];
            var low = new long?[count];
            var close = new long?[count];
            long previous = events[firstTrade].A; // close of bar oldest - 1, or the first trade
            for (int j = firstTrade; j <= i; j++)
            {
                if (!events[j].Flag)
                    continue;
                long price = events[j].A;
                if (bars[j] < oldest)
                {
                    previous = price;
                }
                else if (bars[j] < current)
                {
                    int k = (int)(bars[j] - oldest);
                    high[k] = Math.Max(high[k] ?? long.MinValue, price);
                    low[k] = Math.Min(low[k] ?? long.MaxValue, price);
                    close[k] = price;
                }
            }
            BigInteger sum = 0;
            for (int k = 0; k < count; k++)
            {
                long hi = Math.Max(high[k] ?? previous, previous), lo = Math.Min(low[k] ?? previous, previous);
                sum += Sub(hi, lo);
                previous = close[k] ?? previous;
            }
            return Mean(sum, (int)(current - oldest));
        });
    }

    /// <summary>peak since entry: A = value, Flag = in position.</summary>
    public static long[] PeakSinceEntry(Ev[] events) => Each(events, i =>
    {
        if (!events[i].Flag)
            return 0;
        int start = i;
        while (start > 0 && events[start - 1].Flag)
            start--;
        return events.Skip(start).Take(i - start + 1).Max(e => e.A);
    });
}
