using ScalpLang.Runtime.Execution;

namespace ScalpLang.Runtime.Tests.Execution;

public sealed class TradeVolumeHistoryTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Volume_over_an_interval_counts_trades_after_its_start_up_to_now()
    {
        var volume = new TradeVolumeHistory();
        volume.Record(1 * S, 10);
        volume.Record(2 * S, 20);
        volume.Record(2 * S, 5);
        volume.Record(4 * S, 40);
        volume.Record(5 * S, 0); // no volume: ignored
        Assert.Equal(75, volume.Total);
        Assert.Equal(0, volume.TotalAt(S - 1));
        Assert.Equal(10, volume.TotalAt(1 * S));
        Assert.Equal(35, volume.TotalAt(3 * S));
        Assert.Equal(65, volume.VolumeBefore(4 * S, 3 * S)); // (1 s, 4 s]: 20 + 5 + 40
        Assert.Equal(40, volume.VolumeBefore(4 * S, 2 * S)); // (2 s, 4 s]
    }

    [Fact]
    public void Many_trades_match_a_naive_sum_inside_the_horizon()
    {
        var volume = new TradeVolumeHistory();
        var trades = new List<(long Ts, long Lots)>();
        var random = new Random(5);
        long ts = 0;
        for (var i = 0; i < 200_000; i++)
        {
            ts += random.Next(0, 40_000_000); // up to 40 ms apart: about 2 hours in all
            long lots = random.Next(1, 500);
            volume.Record(ts, lots);
            trades.Add((ts, lots));
            if (i % 9_973 == 0)
            {
                foreach (var span in new[] { S, 60 * S, 3_599 * S })
                {
                    long naive = trades.Where(t => t.Ts > ts - span).Sum(t => t.Lots);
                    Assert.Equal(naive, volume.VolumeBefore(ts, span));
                }
            }
        }
    }

    [Fact]
    public void Spans_longer_than_the_horizon_extrapolate_the_last_hour()
    {
        var volume = new TradeVolumeHistory();
        volume.Record(10 * S, 1_000); // outside the last hour at the time asked
        volume.Record(TradeVolumeHistory.Horizon + 100 * S, 600);
        long now = TradeVolumeHistory.Horizon + 200 * S;
        // The last hour holds 600; two hours are extrapolated to 1,200.
        Assert.Equal(1_200, volume.VolumeBefore(now, 2 * TradeVolumeHistory.Horizon));
    }
}
