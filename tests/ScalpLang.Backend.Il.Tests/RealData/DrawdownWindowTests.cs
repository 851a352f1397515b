using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// drawdown's input is equity, which stays constant in a replay that never trades; so the
/// window class is driven directly with a series that moves, the GOOG day's mid (from the
/// reference book), and compared on every event with the from-scratch reference.
/// </summary>
public sealed class DrawdownWindowTests
{
    [Theory]
    [InlineData(1_000_000_000L)]
    [InlineData(60_000_000_000L)]
    public void Drawdown_of_the_goog_mid_equals_the_reference(long windowNs)
    {
        var c = RealDataCase.Goog;
        if (RealDataFeatureTests.SkipWhenMissing(c))
            return;
        var history = FeatureComparison.Replay(c).History;
        var mid = history.Series("mid", BookRef.Mid);
        var buckets = history.WindowBuckets(windowNs);
        var window = new DrawdownWindow(windowNs);
        var nonZero = 0;
        for (var j = 0; j < mid.Length; j++)
        {
            long actual = window.Update(history.Ts[j], mid[j]);
            long expected = WindowRef.Drawdown(WindowRef.Samples(buckets, mid, j));
            Assert.True(expected == actual, $"event {j} ({history.Events[j].Line}): window {actual}, reference {expected}");
            if (expected != 0)
                nonZero++;
        }
        Assert.True(nonZero > 1000, $"only {nonZero} events with a drawdown: the comparison proves little");
    }
}
