using System.Globalization;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Runtime.Tests.Synthetic;

/// <summary>Three default-length runs (seeds 1-3), replayed once and shared by the tests.</summary>
public sealed class SyntheticRunsFixture
{
    internal SyntheticReplay[] Runs { get; } =
        [.. new ulong[] { 1, 2, 3 }.Select(seed => new SyntheticReplay(seed, SyntheticSpec.DefaultEvents))];
}

public sealed class SyntheticOrderFlowTests(SyntheticRunsFixture fixture) : IClassFixture<SyntheticRunsFixture>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private SyntheticReplay[] Runs => fixture.Runs;

    private SyntheticReplay Default => fixture.Runs[0];

    // ---- determinism -------------------------------------------------------------------------

    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_another()
    {
        var again = new SyntheticReplay(1, SyntheticSpec.DefaultEvents);
        Assert.Equal(Default.Hash, again.Hash);
        Assert.Equal(SyntheticSpec.DefaultEvents, again.Events);
        Assert.NotEqual(Default.Hash, Runs[1].Hash);
        Assert.NotEqual(Runs[1].Hash, Runs[2].Hash);
    }

    /// <summary>
    /// Pins the sequence itself, so a change of platform, runtime or code that alters it is
    /// caught. A deliberate change of the model updates this hash (and says so in its commit).
    /// </summary>
    [Fact]
    public void The_default_sequence_is_pinned()
    {
        var run = new SyntheticReplay(1, 100_000);
        Assert.Equal("94a1389fe94f71db", run.Hash.ToString("x16", Invariant));
    }

    [Fact]
    public void A_shorter_run_is_a_prefix_of_a_longer_one()
    {
        var shorter = new SyntheticOrderFlow(9, 2_000);
        var longer = new SyntheticOrderFlow(9, 50_000);
        int count = 0;
        while (shorter.Read())
        {
            Assert.True(longer.Read());
            Assert.Equal(longer.Message, shorter.Message);
            count++;
        }
        Assert.Equal(2_000, count);
        Assert.Equal(2_000, shorter.EventsRead);
    }

    [Fact]
    public void Emits_exactly_the_requested_number_of_events()
    {
        foreach (long events in (long[])[1, 2, SyntheticOrderFlow.OpeningEvents, SyntheticOrderFlow.OpeningEvents + 1, 12_345])
        {
            var flow = new SyntheticOrderFlow(SyntheticSpec.Parse($"synthetic:seed=4,events={events}"));
            var handler = new CountingHandler();
            Assert.Equal(events, flow.Run(ref handler));
            Assert.Equal(events, handler.Count);
            Assert.False(flow.Read());
        }
    }

    // ---- the events against the runtime's book -----------------------------------------------

    [Fact]
    public void Every_event_applies_cleanly_to_the_order_book()
    {
        // Each replay checks per event: applied without rejection; executions at the touch
        // against the front of its queue; deletes with the order's remaining size; partial
        // cancels smaller than it; ids added in order; time strictly increasing; never locked or
        // crossed. Problems are collected, so a failure shows the first twenty.
        foreach (var run in Runs)
        {
            Assert.Empty(run.Problems);
            Assert.Equal(SyntheticSpec.DefaultEvents, run.Events);
            run.Book.Validate();
        }
    }

    [Fact]
    public void Events_are_dispatched_as_the_runtime_event_types_with_receive_time_equal_to_event_time()
    {
        var flow = new SyntheticOrderFlow(2, 5_000);
        var recorder = new RecordingHandler();
        flow.Run(ref recorder);
        Assert.Equal(5_000, recorder.Events.Count);
        Assert.All(recorder.Events, e => Assert.Equal(e.TsEvent, e.TsRecv));
        Assert.Contains(recorder.Events, e => e is BookOrderAdded);
        Assert.Contains(recorder.Events, e => e is BookOrderCancelled);
        Assert.Contains(recorder.Events, e => e is BookOrderDeleted);
        Assert.Contains(recorder.Events, e => e is BookOrderExecuted);
        Assert.DoesNotContain(recorder.Events, e => e is BookLevelUpdated or TradeTick or TradingStatusChanged);
        Assert.Equal(SyntheticOrderFlow.StartUnixNanos, recorder.Events[0].TsEvent);
        Assert.Equal(new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc), UnixNanos.ToDateTime(SyntheticOrderFlow.StartUnixNanos));
    }

    [Fact]
    public void The_instrument_is_a_cent_ticked_share_in_dollars()
    {
        var instrument = SyntheticOrderFlow.Instrument;
        Assert.Equal(("SYN", 0.01m, 1m, "USD"), (instrument.Symbol, instrument.TickSize, instrument.LotSize, instrument.Currency));
        var flow = new SyntheticOrderFlow(1, 1);
        Assert.True(flow.Read());
        Assert.Equal(100.00m, instrument.ToDecimal(flow.Message.Price)); // the opening bid
    }

    // ---- realism -----------------------------------------------------------------------------

    [Fact]
    public void The_spread_is_mostly_one_to_three_ticks()
    {
        foreach (var run in Runs)
        {
            string measured = run.SpreadSummary();
            Assert.True(run.SpreadFraction(1, 3) >= 0.90, $"1-3 ticks only {run.SpreadFraction(1, 3):P1} of events: {measured}");
            Assert.True(run.SpreadFraction(1, 1) >= 0.50, $"one tick only {run.SpreadFraction(1, 1):P1}: {measured}");
            Assert.True(run.SpreadFraction(2, 3) >= 0.10, $"the spread hardly moves: {measured}");
            Assert.True(run.SpreadFraction(4, 10) >= 0.01, $"the spread never widens: {measured}");
            Assert.True(run.SpreadFraction(10, 10) <= 0.01, $"too often 10 ticks or wider: {measured}");
        }
    }

    [Fact]
    public void Both_sides_keep_at_least_ten_levels_after_the_opening()
    {
        foreach (var run in Runs)
        {
            Assert.True(run.MinBidLevels >= 10, $"bid side fell to {run.MinBidLevels} levels");
            Assert.True(run.MinAskLevels >= 10, $"ask side fell to {run.MinAskLevels} levels");
        }
    }

    [Fact]
    public void The_price_diffuses_without_running_away()
    {
        foreach (var run in Runs)
        {
            double low = run.MinMidTwice / 2.0, high = run.MaxMidTwice / 2.0;
            string range = $"mid {low}..{high} ticks";
            Assert.True(high - low >= 20, $"the price hardly moves: {range}");
            Assert.True(low > 9_000 && high < 11_000, $"the price runs away: {range}");
        }
    }

    [Fact]
    public void Time_runs_at_a_realistic_pace()
    {
        foreach (var run in Runs)
        {
            double seconds = (run.LastTs - run.FirstTs) / (double)UnixNanos.PerSecond;
            double perSecond = run.Events / seconds;
            Assert.True(perSecond is > 100 and < 1_000, $"{perSecond:F0} events per simulated second");
        }
    }

    // ---- bursts and signals ------------------------------------------------------------------

    [Fact]
    public void Every_kind_of_episode_happens_in_a_default_run()
    {
        foreach (var run in Runs)
        {
            var episodes = run.Flow.Episodes;
            string counts = $"buy bursts {episodes.BuyBursts}, sell bursts {episodes.SellBursts}, thin spells {episodes.ThinSpells}, spoofs {episodes.Spoofs}";
            Assert.True(episodes.BuyBursts >= 3 && episodes.SellBursts >= 3 && episodes.ThinSpells >= 3 && episodes.Spoofs >= 20, counts);
        }
    }

    [Fact]
    public void Aggressive_bursts_show_as_one_sided_volume_spikes()
    {
        foreach (var run in Runs)
        {
            // volume_spike(window: 1s, baseline: 60s, factor: 3) with one side dominating it.
            int buySpikes = 0, sellSpikes = 0;
            long[] buy = run.BuyVolumePerSecond, sell = run.SellVolumePerSecond;
            for (int s = 60; s < buy.Length; s++)
            {
                long baseline = 0;
                for (int k = s - 60; k < s; k++)
                    baseline += buy[k] + sell[k];
                long volume = buy[s] + sell[s];
                if (volume * 60 <= 3 * baseline)
                    continue;
                if (buy[s] * 10 >= volume * 8)
                    buySpikes++;
                if (sell[s] * 10 >= volume * 8)
                    sellSpikes++;
            }
            Assert.True(buySpikes >= 1 && sellSpikes >= 1, $"one-sided volume spikes: {buySpikes} buying, {sellSpikes} selling");
        }
    }

    [Fact]
    public void Cancellation_bursts_stand_out_from_the_ordinary_cancel_rate()
    {
        foreach (var run in Runs)
        {
            // cancel_rate(window: 1s) at the top five levels: size cancelled / size added.
            var rates = run.CancelledTop5PerSecond.Zip(run.AddedTop5PerSecond, (c, a) => a == 0 ? 0 : (double)c / a).ToArray();
            double median = rates.Order().ElementAt(rates.Length / 2);
            int bursts = rates.Count(r => r >= 2);
            int calm = rates.Count(r => r < 0.5);
            string measured = $"median {median:F2}, {bursts} seconds at 2 or more, {calm} under 0.5, of {rates.Length}";
            Assert.True(median is > 0.4 and < 0.8, measured);
            Assert.True(bursts >= 10 && calm >= 10, measured);
        }
    }

    [Fact]
    public void Imbalance_aggressor_ratio_atr_and_spread_move_through_their_ranges()
    {
        foreach (var run in Runs)
        {
            Assert.True(run.MaxImbalance > 0.6 && run.MinImbalance < -0.6, $"imbalance(5) only {run.MinImbalance:F2}..{run.MaxImbalance:F2}");

            // aggressor_ratio over 1 s: buying / all aggressive volume.
            var ratios = run.BuyVolumePerSecond.Zip(run.SellVolumePerSecond, (b, s) => b + s == 0 ? 0.5 : (double)b / (b + s)).ToArray();
            Assert.True(ratios.Count(r => r >= 0.9) >= 10 && ratios.Count(r => r <= 0.1) >= 10, "aggressor ratio never one-sided");

            // atr(window: 10s, bar: 1s) of the mid: calm stretches and volatile ones.
            var atr = Enumerable.Range(10, run.MidRangePerSecond.Length - 10)
                .Select(s => run.MidRangePerSecond.Skip(s - 10).Take(10).Average()).ToArray();
            Assert.True(atr.Min() < 1.5 && atr.Max() > 4, $"ATR only {atr.Min():F2}..{atr.Max():F2} ticks");

            // Thin spells: the five-second average spread reaches three ticks (spread_breakout's "wide").
            var wide = Enumerable.Range(5, run.MeanSpreadPerSecond.Length - 5)
                .Count(s => run.MeanSpreadPerSecond.Skip(s - 5).Take(5).Average() >= 3);
            Assert.True(wide >= 5, $"{wide} seconds with a 5 s mean spread of 3 ticks or more");
        }
    }

    // ---- constant memory ---------------------------------------------------------------------

    [Fact]
    public void Memory_stays_constant_however_many_events()
    {
        AllocatedWhileRunning(1_000_000, out _); // warm up (JIT tiers, statics)
        long small = AllocatedWhileRunning(100_000, out int smallPeak);
        long large = AllocatedWhileRunning(1_000_000, out int largePeak);
        // Constant memory: nothing that grows with the number of events. A few KB once per run
        // can come from the runtime itself (tiered re-compilation of the loop was seen to allocate
        // about 5 KB on a CI run), so the bound is a small constant, the same for 100k and 1M events.
        const long OneTimeAllowance = 16 * 1024;
        Assert.True(small <= OneTimeAllowance && large <= OneTimeAllowance, $"allocated {small} bytes over 100k events, {large} over 1M");
        // The live state is stationary, far below the fixed pool, not merely capped by it.
        Assert.True(largePeak < SyntheticOrderFlow.OrderCapacity / 4, $"peak {largePeak} live orders of {SyntheticOrderFlow.OrderCapacity}");
        Assert.True(largePeak < smallPeak * 2, $"peak live orders {smallPeak} after 100k events, {largePeak} after 1M");
    }

    private static long AllocatedWhileRunning(long events, out int peakLiveOrders)
    {
        var flow = new SyntheticOrderFlow(3, events);
        var handler = new CountingHandler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long count = flow.Run(ref handler);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(events, count);
        peakLiveOrders = flow.PeakLiveOrders;
        return allocated;
    }

    private struct CountingHandler : IMarketDataHandler
    {
        public long Count;

        public void OnOrderAdded(in BookOrderAdded e) => Count++;

        public void OnOrderCancelled(in BookOrderCancelled e) => Count++;

        public void OnOrderDeleted(in BookOrderDeleted e) => Count++;

        public void OnOrderExecuted(in BookOrderExecuted e) => Count++;

        public void OnLevelUpdated(in BookLevelUpdated e) => Count++;

        public void OnTrade(in TradeTick e) => Count++;

        public void OnTradingStatus(in TradingStatusChanged e) => Count++;
    }
}
