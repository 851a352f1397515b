using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Execution;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tests.Execution;

/// <summary>twap and vwap child sizes and times on hand-computed sequences (grammar/README.md §3.5).</summary>
public sealed class SliceScheduleTests
{
    private const long S = 1_000_000_000;

    private static List<(long Due, long Lots)> Drain(SliceSchedule schedule, Func<long, long> marketTotalAt)
    {
        var children = new List<(long, long)>();
        while (!schedule.Done)
        {
            var due = schedule.NextDue;
            children.Add((due, schedule.TakeNext(marketTotalAt(due))));
        }
        return children;
    }

    [Fact]
    public void Twap_sends_equal_children_with_the_remainder_first()
    {
        var schedule = SliceSchedule.Start(Side.Buy, SliceAlgorithm.Twap, 10, 3, 5 * S, 3 * S, new TradeVolumeHistory());
        // 10 / 3 = 3 each, remainder 1 on the first; children now, +1 s, +2 s.
        Assert.Equal([(5 * S, 4L), (6 * S, 3L), (7 * S, 3L)], Drain(schedule, _ => 0));
        Assert.Equal(10, schedule.Released);
    }

    [Fact]
    public void Vwap_follows_the_volume_traded_in_each_slice_against_the_volume_before_the_order()
    {
        var volume = new TradeVolumeHistory();
        volume.Record(1 * S, 100);
        volume.Record(5 * S, 200);
        volume.Record(9 * S, 300); // V_ref over (2 s, 10 s] = 200 + 300 = 500 for D = 8 s
        var schedule = SliceSchedule.Start(Side.Sell, SliceAlgorithm.Vwap, 60, 4, 10 * S, 8 * S, volume);
        // First child: a twap share, 60 / 4 = 15 (at 10 s).
        Assert.Equal(15, schedule.TakeNext(volume.Total));
        volume.Record(11 * S, 150);
        // At 12 s: 150 traded since: 60 x 150 / 500 = 18.
        Assert.Equal(12 * S, schedule.NextDue);
        Assert.Equal(18, schedule.TakeNext(volume.Total));
        volume.Record(13 * S, 400);
        // At 14 s: 400 traded: 60 x 400 / 500 = 48, capped at the 27 that remain.
        Assert.Equal(27, schedule.TakeNext(volume.Total));
        // At 16 s, the last child: what remains, 0.
        Assert.Equal(0, schedule.TakeNext(volume.Total));
        Assert.True(schedule.Done);
        Assert.Equal(60, schedule.Released);
    }

    [Fact]
    public void Vwap_sends_the_rest_with_its_last_child_when_the_market_is_quiet()
    {
        var volume = new TradeVolumeHistory();
        volume.Record(1 * S, 1_000);
        var schedule = SliceSchedule.Start(Side.Buy, SliceAlgorithm.Vwap, 20, 4, 2 * S, 4 * S, volume);
        // No trades after the order: 5 now, then 0, 0, and the remaining 15 last.
        Assert.Equal([(2 * S, 5L), (3 * S, 0L), (4 * S, 0L), (5 * S, 15L)], Drain(schedule, _ => volume.Total));
    }

    [Fact]
    public void Vwap_without_volume_before_the_order_slices_like_twap()
    {
        var vwap = SliceSchedule.Start(Side.Buy, SliceAlgorithm.Vwap, 10, 3, 0, 3 * S, new TradeVolumeHistory());
        var twap = SliceSchedule.Start(Side.Buy, SliceAlgorithm.Twap, 10, 3, 0, 3 * S, new TradeVolumeHistory());
        Assert.Equal(Drain(twap, _ => 0), Drain(vwap, _ => 0));
    }

    [Fact]
    public void A_complete_schedule_refuses_more_children()
    {
        var schedule = SliceSchedule.Start(Side.Buy, SliceAlgorithm.Twap, 1, 1, 0, 0, new TradeVolumeHistory());
        Assert.Equal(1, schedule.TakeNext(0));
        Assert.Throws<InvalidOperationException>(() => schedule.TakeNext(0));
    }
}
