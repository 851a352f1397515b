namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The comparison can fail: references with plausible mistakes (a flipped sign, a window one
/// bucket short, ema's alpha as the truncated 2 / 33) are caught on the GOOG day, and only
/// the features they touch differ.
/// </summary>
public sealed class ReferenceSanityTests
{
    [Fact]
    public void Deliberately_wrong_references_are_detected()
    {
        var c = RealDataCase.Goog;
        if (RealDataFeatureTests.SkipWhenMissing(c))
            return;
        const long S = 1_000_000_000;
        var wrong = new Dictionary<string, Func<RefHistory, int, long>>
        {
            ["s_imb1"] = (h, j) => -BookRef.Imbalance(h.Events[j].Book, 1),
            ["s_tv10"] = (h, j) => ShortWindowSum(h.WindowBuckets(10 * S), h.TradeSize, j),
            ["s_ema_mid"] = (h, j) => WindowRef.Ema(h.WindowBuckets(S), h.Series("mid", BookRef.Mid), j, alpha: 3971),
        };
        var features = FeatureTable.For(c.Depth)
            .Select(f => wrong.TryGetValue(f.Name, out var reference) ? f with { Reference = reference } : f)
            .ToList();
        var result = FeatureComparison.Compare(c, features);
        foreach (var (name, mismatches) in result.Mismatches)
            Assert.True(wrong.ContainsKey(name) == mismatches.Count > 0, $"{name}: {mismatches.Count} mismatches");
    }

    /// <summary>trade_volume over 31 buckets instead of 32.</summary>
    private static long ShortWindowSum(long[] buckets, long[] amounts, int j)
    {
        long sum = 0;
        for (var e = j; e >= 0 && buckets[e] >= buckets[j] - 30; e--)
            sum += amounts[e];
        return sum;
    }
}
