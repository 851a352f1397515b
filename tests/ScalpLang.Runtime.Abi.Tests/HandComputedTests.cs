using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>Small sequences worked out by hand (W = 320 ns, so buckets of w = 10 ns).</summary>
public class HandComputedTests
{
    private const long One = 65536;
    private const long W = 320;

    [Fact]
    public void TradeVolumeAddsTheBucketsOfTheWindowAndClearsWhatLeftIt()
    {
        var v = new TradeVolumeWindow(W);
        Assert.Equal(1 * One, v.Update(5, 1 * One));      // bucket 0
        Assert.Equal(3 * One, v.Update(15, 2 * One));     // bucket 1
        Assert.Equal(7 * One, v.Update(319, 4 * One));    // bucket 31: window 0..31
        Assert.Equal(14 * One, v.Update(325, 8 * One));   // bucket 32: window 1..32, bucket 0 left
        Assert.Equal(12 * One, v.Update(600, 0));         // bucket 60: window 29..60 keeps 31 and 32
        Assert.Equal(0, v.Update(1000, 0));               // bucket 100: everything left
        Assert.Equal(16 * One, v.Update(3, 16 * One));    // older than bucket 100: counts in bucket 100
        Assert.Equal(16 * One, v.Update(1319, 0));        // bucket 131 = 100 + 31: still in
        Assert.Equal(0, v.Update(1320, 0));               // bucket 132: gone
    }

    [Fact]
    public void TradeVolumeWrapsLikeTheLanguage()
    {
        var v = new TradeVolumeWindow(W);
        v.Update(0, long.MaxValue);
        Assert.Equal(long.MinValue, v.Update(1, 1));
        Assert.Equal(1, v.Update(320, 1));                // the wrapped bucket left: exact again
    }

    [Fact]
    public void AggressorRatioIsBuyVolumeOverAllVolume()
    {
        var a = new AggressorRatioWindow(W);
        Assert.Equal(0, a.Update(0, 0, true));            // no volume: 0 / 0 = 0
        Assert.Equal(One, a.Update(1, 3 * One, true));
        Assert.Equal(49152, a.Update(2, 1 * One, false)); // 3 / 4 = 0.75
        Assert.Equal(49152, a.Update(3, 0, false));       // an event without a trade changes nothing
        Assert.Equal(0, a.Update(400, 0, true));          // the window emptied
    }

    [Fact]
    public void CancelRateIsCancelledOverAdded()
    {
        var c = new CancelRateWindow(W);
        Assert.Equal(21845, c.Update(0, 1 * One, 3 * One));    // 1 / 3 truncated
        Assert.Equal(21845, c.Update(10, 0, 0));               // bucket 1
        Assert.Equal(One, c.Update(10, 2 * One, 0));           // (1 + 2) / 3
        Assert.Equal(2 * One, c.Update(330, 4 * One, 2 * One)); // bucket 33: window 2..33 keeps only this: 4 / 2
        Assert.Equal(0, c.Update(330, 1 * One, -2 * One));     // added sums to 0: 5 / 0 = 0
    }

    [Fact]
    public void VwapIsSumOfPriceTimesSizeOverSize()
    {
        var v = new VwapWindow(W);
        Assert.Equal(0, v.Update(0, 100 * One, 0));                  // no trade yet: 0 / 0
        Assert.Equal((100 * One) + (One / 2), v.Update(1, (100 * One) + (One / 2), 2 * One));
        // (100.5 * 2 + 101 * 1) / 3 = 302 / 3 = 100.666..: (302 * 2^16 * 2^16) / (3 * 2^16) truncated.
        Assert.Equal(6597290, v.Update(2, 101 * One, 1 * One));
    }

    [Fact]
    public void SmaIsTheMeanOfTheBucketsSeenSoFarThenOfThe32()
    {
        var s = new SmaWindow(W);
        Assert.Equal(One, s.Update(0, One));               // one sample
        Assert.Equal(87381, s.Update(25, 2 * One));        // buckets 0, 1 (repeats 1), 2: 4 / 3 truncated
        Assert.Equal(152917, s.Update(26, 5 * One));       // bucket 2's sample is now 5: 7 / 3
        Assert.Equal(152917, s.Update(7, 5 * One));        // older event: bucket 2 again, same sample
    }

    [Fact]
    public void SmaCapsAt32BucketsAndTruncatesTowardZero()
    {
        var s = new SmaWindow(W);
        Assert.Equal(-1, s.Update(0, -1));
        Assert.Equal(0, s.Update(10, 0));                  // -1 / 2 truncates to 0 (floor would be -1)
        var full = new SmaWindow(W);
        full.Update(0, 0);
        Assert.Equal(One, full.Update(315, 32 * One));     // buckets 0..30 hold 0, bucket 31 holds 32
        Assert.Equal(2 * One, full.Update(320, 32 * One)); // bucket 32: window 1..32 = 30 zeros, 32, 32
        // A long gap: buckets 9969..10000 all repeat 32, then the newest becomes 7: (31 * 32 + 7) / 32.
        Assert.Equal(999 * One / 32, full.Update(100_000, 7 * One));
    }

    [Fact]
    public void SmaOfExtremesDoesNotWrap()
    {
        var s = new SmaWindow(W);
        s.Update(0, long.MaxValue);
        Assert.Equal(long.MaxValue, s.Update(10, long.MaxValue));
        // Exactly (2 (2^63 - 1) - 2^63) / 3 = (2^63 - 2) / 3; the sum itself is outside 64 bits.
        Assert.Equal(3074457345618258602, s.Update(20, long.MinValue));
    }

    [Fact]
    public void ZscoreOfTwoAndThreeSamples()
    {
        var z = new ZscoreWindow(W);
        Assert.Equal(0, z.Update(0, 0));                   // one sample: s = 0
        Assert.Equal(One, z.Update(10, 2 * One));          // samples 0, 2: m = 1, s = 1, z = 1
        Assert.Equal(0, z.Update(11, 0));                  // bucket 1's sample is now 0: samples 0, 0, s = 0
    }

    [Fact]
    public void ZscoreUsesTheExactPopulationStdRoundedDown()
    {
        var z = new ZscoreWindow(W);
        z.Update(0, 0);
        // Samples 0, 0, 3: m = 1, s = sqrt(2) = 1.41421356.. -> floor(92681.9..) = 92681 raw,
        // z = (3 - 1) / s = (2 * 2^32) / 92681 truncated = 92682.
        Assert.Equal(92682, z.Update(25, 3 * One));
        Assert.Equal(0, z.Update(10_000, 3 * One));        // after a long gap all 32 samples are 3: s = 0
    }

    [Fact]
    public void DrawdownFromThePeakBucketSample()
    {
        var d = new DrawdownWindow(W);
        Assert.Equal(0, d.Update(0, 100 * One));
        Assert.Equal(13107, d.Update(10, 80 * One));       // (100 - 80) / 100 = 0.2 truncated
        Assert.Equal(0, d.Update(20, 120 * One));          // a new peak
        // Bucket 40: window 9..40, where buckets 9..39 repeat bucket 2's 120: (120 - 90) / 120.
        Assert.Equal(16384, d.Update(400, 90 * One));
        Assert.Equal(0, d.Update(2000, 90 * One));         // far later: every sample repeats 90
    }

    [Fact]
    public void DrawdownSamplesTheLastValueOfEachBucket()
    {
        var d = new DrawdownWindow(W);
        d.Update(0, 100 * One);
        Assert.Equal(0, d.Update(1, 80 * One));            // same bucket: its sample is now 80, the 100 is gone
        Assert.Equal(0, new DrawdownWindow(W).Update(0, 0));
        var negative = new DrawdownWindow(W);
        negative.Update(0, -5 * One);
        Assert.Equal(0, negative.Update(10, -9 * One));    // peak <= 0: 0
    }

    [Fact]
    public void EmaUpdatesAtBucketClose()
    {
        var e = new EmaWindow(W);
        Assert.Equal(0, e.Update(0, 0));                   // e starts at the first sample
        Assert.Equal(0, e.Update(5, 10 * One));            // bucket 0 is still open
        Assert.Equal(39720, e.Update(10, 0));              // bucket 0 closed with 10: floor(3972 * 10)
        // Buckets 1 (sample 0) and 2 (empty, repeats 0) close:
        // 39720 + floor(3972 * -39720 / 2^16) = 39720 - 2408 = 37312; 37312 - 2262 = 35050.
        Assert.Equal(35050, e.Update(30, 0));
        Assert.Equal(35050, e.Update(3, 99 * One));        // older event: counts in bucket 3, which is open
    }

    [Fact]
    public void AtrOfCompletedBars()
    {
        // B = 320 ns, W = 3 bars.
        var a = new AtrWindow(960, 320);
        Assert.Equal(0, a.Update(0, 0, false));            // no trade, no bar
        Assert.Equal(0, a.Update(10, 100 * One, true));    // bar 0 opens at 100 (its previous close)
        a.Update(20, 103 * One, true);
        Assert.Equal(0, a.Update(30, 99 * One, true));     // bar 0: high 103, low 99, close 99; not complete
        Assert.Equal(4 * One, a.Update(330, 101 * One, true)); // bar 0 complete: 103 - 99
        Assert.Equal(3 * One, a.Update(700, 0, false));    // bar 1 complete: max(101, 99) - min(101, 99) = 2; (4 + 2) / 2
        Assert.Equal(2 * One, a.Update(960, 0, false));    // bar 2 (no trade) complete: 0; (4 + 2 + 0) / 3
        Assert.Equal(0, a.Update(1700, 0, false));         // bars 3, 4 empty: the last 3 are all 0
        Assert.Equal(0, a.Update(1710, 250 * One, true));  // bar 5 is open
        Assert.Equal(149 * One / 3, a.Update(1920, 0, false)); // bar 5: previous close 101, range 149; (0 + 0 + 149) / 3
    }
    [Fact]
    public void OneNanosecondBucketsReachTheLastTimeThereIs()
    {
        // W = 32 ns: bucket k = t, so at t = 2^63 - 1 the bucket is long.MaxValue. Moving a few
        // buckets onto it clears slots up to it; a loop bounded by `k <= bucket` never ended there.
        const long end = long.MaxValue;
        var v = new TradeVolumeWindow(32);
        v.Update(end - 40, 5 * One);
        Assert.Equal(7 * One, v.Update(end - 3, 7 * One));
        Assert.Equal(8 * One, v.Update(end, 1 * One));    // 3 buckets moved: bucket end - 3 still in
        var c = new CancelRateWindow(32);
        c.Update(end - 2, 1 * One, 2 * One);
        Assert.Equal(One / 2, c.Update(end, 0, 0));
        var s = new SmaWindow(32);
        s.Update(end - 2, 3 * One);
        Assert.Equal(4 * One, s.Update(end, 6 * One));     // samples 3, 3 (repeated), 6
    }
}
