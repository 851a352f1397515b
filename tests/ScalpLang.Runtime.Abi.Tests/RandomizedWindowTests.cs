using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Runtime.Abi.Tests;

/// <summary>
/// Every window against its naive reference on long seeded sequences: thousands of events with
/// irregular gaps (same bucket, next buckets, longer than the window, 1000+ buckets, backwards),
/// market-sized and extreme (wrapping) values, for window widths from 1 ns buckets to 30 s.
/// </summary>
public class RandomizedWindowTests
{
    private const int EventCount = 3000;
    private static readonly int[] Seeds = [11, 2026];

    public static TheoryData<int, long, Values> Cases()
    {
        var data = new TheoryData<int, long, Values>();
        foreach (var seed in Seeds)
            foreach (var window in EventGen.Windows)
                foreach (var values in new[] { Values.Market, Values.Prices, Values.Extreme })
                    data.Add(seed, window, values);
        return data;
    }

    /// <summary>(W, B) pairs for atr: one bar, a few, the 256-bar maximum, realistic ones.</summary>
    public static TheoryData<int, long, long, Values> AtrCases()
    {
        var data = new TheoryData<int, long, long, Values>();
        (long W, long B)[] shapes = [(32, 32), (32 * 5, 32), (32 * 256, 32), (3200 * 30, 3200), (30_000_000_000, 1_000_000_000), (60_000_000_000, 30_000_000_000)];
        foreach (var seed in Seeds)
            foreach (var (w, b) in shapes)
                foreach (var values in new[] { Values.Prices, Values.Extreme })
                    data.Add(seed, w, b, values);
        return data;
    }

    internal static void AssertMatches(Ev[] events, long[] expected, Func<Ev, long> update)
    {
        for (int i = 0; i < events.Length; i++)
        {
            long actual = update(events[i]);
            if (actual != expected[i])
            {
                var context = string.Join("\n", events.Skip(Math.Max(0, i - 5)).Take(Math.Min(i + 1, 6)));
                Assert.Fail($"event {i}: expected {expected[i]}, got {actual}; last events:\n{context}");
            }
        }
    }

    private static Ev[] Events(int seed, long window, Values values) => EventGen.Generate(seed, EventCount, window, values);

    [Theory]
    [MemberData(nameof(Cases))]
    public void TradeVolume(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new TradeVolumeWindow(window);
        AssertMatches(events, Reference.TradeVolume(events, window), e => sut.Update(e.T, e.A));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AggressorRatio(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new AggressorRatioWindow(window);
        AssertMatches(events, Reference.AggressorRatio(events, window), e => sut.Update(e.T, e.A, e.Flag));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CancelRate(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new CancelRateWindow(window);
        AssertMatches(events, Reference.CancelRate(events, window), e => sut.Update(e.T, e.A, e.B));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vwap(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new VwapWindow(window);
        AssertMatches(events, Reference.Vwap(events, window), e => sut.Update(e.T, e.A, e.B));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sma(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new SmaWindow(window);
        AssertMatches(events, Reference.Sma(events, window), e => sut.Update(e.T, e.A));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Zscore(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new ZscoreWindow(window);
        AssertMatches(events, Reference.Zscore(events, window), e => sut.Update(e.T, e.A));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drawdown(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new DrawdownWindow(window);
        AssertMatches(events, Reference.Drawdown(events, window), e => sut.Update(e.T, e.A));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ema(int seed, long window, Values values)
    {
        var events = Events(seed, window, values);
        var sut = new EmaWindow(window);
        AssertMatches(events, Reference.Ema(events, window), e => sut.Update(e.T, e.A));
    }

    [Theory]
    [MemberData(nameof(AtrCases))]
    public void Atr(int seed, long window, long bar, Values values)
    {
        var events = EventGen.Generate(seed, EventCount, window, values, bucketNs: bar);
        var sut = new AtrWindow(window, bar);
        AssertMatches(events, Reference.Atr(events, window, bar), e => sut.Update(e.T, e.A, e.Flag));
    }

    [Theory]
    [InlineData(3, Values.Market)]
    [InlineData(4, Values.Extreme)]
    public void PeakSinceEntry(int seed, Values values)
    {
        var events = Events(seed, 3200, values);
        var sut = new PeakSinceEntry();
        AssertMatches(events, Reference.PeakSinceEntry(events), e => sut.Update(e.A, e.Flag));
    }

    /// <summary>Timestamps up to long.MaxValue (the clamp repeats it): bucket arithmetic must not overflow.</summary>
    [Theory]
    [InlineData(32L)]
    [InlineData(30_000_000_000L)]
    public void TimestampsNearTheEndOfTime(long window)
    {
        var events = EventGen.Generate(5, EventCount, window, Values.Extreme, start: long.MaxValue - (300 * window));
        Assert.Equal(long.MaxValue, events[^1].T);
        var volume = new TradeVolumeWindow(window);
        AssertMatches(events, Reference.TradeVolume(events, window), e => volume.Update(e.T, e.A));
        var sma = new SmaWindow(window);
        AssertMatches(events, Reference.Sma(events, window), e => sma.Update(e.T, e.A));
        var zscore = new ZscoreWindow(window);
        AssertMatches(events, Reference.Zscore(events, window), e => zscore.Update(e.T, e.A));
        var drawdown = new DrawdownWindow(window);
        AssertMatches(events, Reference.Drawdown(events, window), e => drawdown.Update(e.T, e.A));
        var ema = new EmaWindow(window);
        AssertMatches(events, Reference.Ema(events, window), e => ema.Update(e.T, e.A));
        long bar = Math.Max(32, window / 32);
        var atr = new AtrWindow(window, bar);
        AssertMatches(events, Reference.Atr(events, window, bar), e => atr.Update(e.T, e.A, e.Flag));
    }
}
