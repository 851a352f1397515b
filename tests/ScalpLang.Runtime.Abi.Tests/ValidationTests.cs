using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

public class ValidationTests
{
    public static TheoryData<Func<long, object>> Windows() =>
    [
        w => new TradeVolumeWindow(w),
        w => new AggressorRatioWindow(w),
        w => new CancelRateWindow(w),
        w => new VwapWindow(w),
        w => new SmaWindow(w),
        w => new EmaWindow(w),
        w => new ZscoreWindow(w),
        w => new DrawdownWindow(w),
        w => new AtrWindow(w, w),
    ];

    [Theory]
    [MemberData(nameof(Windows))]
    public void WindowMustBePositive(Func<long, object> create)
    {
        foreach (var w in new[] { 0L, -32L, long.MinValue })
        {
            var e = Assert.Throws<ArgumentException>(() => create(w));
            Assert.Equal("windowNs", e.ParamName);
            Assert.Contains("positive", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void WindowMustBeAMultipleOf32(Func<long, object> create)
    {
        foreach (var w in new[] { 1L, 31L, 33L, 48L, long.MaxValue })
        {
            var e = Assert.Throws<ArgumentException>(() => create(w));
            Assert.Equal("windowNs", e.ParamName);
            Assert.Contains("multiple of 32", e.Message, StringComparison.Ordinal);
        }
        Assert.NotNull(create(32));
        Assert.NotNull(create(64));
        Assert.NotNull(create(long.MaxValue - 31)); // 2^63 - 32, the largest valid window
    }

    [Fact]
    public void AtrBarMustBeAPositiveMultipleOf32()
    {
        foreach (var (bar, problem) in new[] { (0L, "positive"), (-64L, "positive"), (16L, "multiple of 32"), (100L, "multiple of 32") })
        {
            var e = Assert.Throws<ArgumentException>(() => new AtrWindow(3200, bar));
            Assert.Equal("barNs", e.ParamName);
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AtrWindowMustBeAWholeNumberOfBars()
    {
        var e = Assert.Throws<ArgumentException>(() => new AtrWindow(96, 64));
        Assert.Equal("windowNs", e.ParamName);
        Assert.Contains("whole number of bars", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new AtrWindow(32, 64)); // less than one bar
        Assert.Contains("whole number of bars", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtrWindowIsAtMost256Bars()
    {
        Assert.NotNull(new AtrWindow(256 * 32, 32));
        Assert.NotNull(new AtrWindow(30_000_000_000, 30_000_000_000));
        var e = Assert.Throws<ArgumentException>(() => new AtrWindow(257 * 32, 32));
        Assert.Equal("windowNs", e.ParamName);
        Assert.Contains("at most 256 bars", e.Message, StringComparison.Ordinal);
    }
}
