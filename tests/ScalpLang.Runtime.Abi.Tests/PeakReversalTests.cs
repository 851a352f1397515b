using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>A reversal without a flat event is a new entry for the trailing stop's peak.</summary>
public sealed class PeakReversalTests
{
    [Fact]
    public void Signed_position_restarts_the_peak_on_reversal()
    {
        var peak = new PeakSinceEntry();
        Assert.Equal(5, peak.Update(5, position: 2));
        Assert.Equal(9, peak.Update(9, position: 2));
        Assert.Equal(9, peak.Update(3, position: 1));   // still long: the peak holds
        Assert.Equal(-4, peak.Update(-4, position: -1)); // reversed to short: a new entry
        Assert.Equal(-2, peak.Update(-2, position: -1));
        Assert.Equal(0, peak.Update(7, position: 0));   // flat
        Assert.Equal(1, peak.Update(1, position: 3));
    }
}
