using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>
/// A gap of g buckets closes g buckets. The window stops once an update leaves e unchanged
/// (then all later ones do); these tests show that point always comes within 664 updates, so a
/// gap of any length gives exactly what applying every close would.
/// </summary>
public class EmaCatchUpTests
{
    /// <summary>Updates e = e + alpha (x - e) computes until one leaves e unchanged.</summary>
    private static int UpdatesUntilFixed(long e, long x)
    {
        for (int n = 1; ; n++)
        {
            long next = Definitions.Add(e, Definitions.Mul(EmaWindow.Alpha, Definitions.Sub(x, e)));
            if (next == e)
                return n;
            e = next;
        }
    }

    [Fact]
    public void TheWorstCasesAreTheExtremeDifferences()
    {
        // The count depends only on d = x - e, and d -> d - floor(alpha d) is monotone, so the
        // extremes of d are the worst cases.
        Assert.Equal(EmaWindow.MaxCatchUpUpdates, UpdatesUntilFixed(0, long.MaxValue));
        Assert.Equal(EmaWindow.MaxCatchUpUpdates, UpdatesUntilFixed(long.MaxValue, -1));
        Assert.True(UpdatesUntilFixed(long.MinValue, long.MaxValue) <= EmaWindow.MaxCatchUpUpdates);
        var rng = new Random(12);
        for (int i = 0; i < 2000; i++)
            Assert.True(UpdatesUntilFixed(EventGen.Extreme(rng), EventGen.Extreme(rng)) <= EmaWindow.MaxCatchUpUpdates);
    }

    [Theory]
    [InlineData(0L, 1000L << 16)]
    [InlineData(long.MaxValue, long.MinValue)]
    [InlineData(long.MinValue, long.MaxValue)]
    [InlineData(-5L, 7L)]
    [InlineData(123456789L, 123456789L)]
    public void AnyLongGapEqualsEveryCloseApplied(long first, long second)
    {
        const long window = 3200; // buckets of 100 ns
        // Reference: apply all 10,000 closes of a 10,000-bucket gap one by one.
        var events = new[] { new Ev(0, first, 0, false), new Ev(100, second, 0, false), new Ev(100 + (10_000 * 100), 0, 0, false) };
        long expected = Reference.Ema(events, window)[2];
        foreach (long gapBuckets in new[] { 10_000L, EmaWindow.MaxCatchUpUpdates, 1L << 40, (long.MaxValue / 100) - 2 })
        {
            var ema = new EmaWindow(window);
            ema.Update(0, first);
            ema.Update(100, second);
            Assert.Equal(expected, ema.Update(100 + (gapBuckets * 100), 0));
        }
    }
}
