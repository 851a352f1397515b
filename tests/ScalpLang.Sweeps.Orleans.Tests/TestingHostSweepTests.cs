using Orleans.TestingHost;

namespace ScalpLang.Sweeps.Orleans.Tests;

/// <summary>Sweeps on an in-process multi-silo cluster (Orleans TestingHost) give the local sweep's rows.</summary>
public sealed class TestingHostSweepTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    private sealed class SweepSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddSweepService(new SiloWorkers(2));
    }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<SweepSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_two_axis_sweep_on_three_silos_equals_the_local_sweep_and_uses_every_silo()
    {
        var sweep = SweepCase.Create("imbalance_scalper.scalp", "synthetic:seed=7,events=40000",
            ["threshold=0.50..0.70:0.05", "max_spread=1..3:1"], overrides: ["size=2"]);
        var progress = new SweepProgress();
        var outcomes = await ClusterSweep.RunAsync(_cluster.Client, sweep.Items, progress);
        Assert.Equal(sweep.LocalJson(), sweep.Json(outcomes));
        Assert.Equal(15, progress.Done);
        Assert.Equal(0, progress.Failed);
        Assert.Equal(3, outcomes.Select(o => o.Silo).Distinct().Count());
        Assert.Contains(outcomes, o => o.Summary!.Orders > 0); // the strategy traded: the rows compare real numbers
    }

    [Fact]
    public async Task A_sweep_against_the_simulated_venue_with_latency_and_fees_equals_the_local_sweep()
    {
        var sweep = SweepCase.Create("passive_market_maker.scalp", "synthetic:seed=3,events=30000", ["toxic=0.5..0.9:0.2"],
            venue: new VenueSettings("lognormal:median=40us,sigma=0.5", "maker=-2bp,taker=3bp", "const:1ms"));
        var outcomes = await ClusterSweep.RunAsync(_cluster.Client, sweep.Items, new SweepProgress());
        Assert.Equal(sweep.LocalJson(), sweep.Json(outcomes));
        Assert.Contains(outcomes, o => o.Summary!.Fills > 0 && o.Summary.Fees != 0);
    }

    [Fact]
    public async Task A_point_whose_data_a_silo_cannot_read_is_reported_as_failed_once()
    {
        var sweep = SweepCase.Create("imbalance_scalper.scalp", "synthetic:events=1000", ["threshold=0.50..0.60:0.05"]);
        var missing = Path.Combine(Path.GetTempPath(), $"scalp-missing-{Guid.NewGuid():N}", "x_message_1.csv");
        var items = sweep.Items.Select(i => i with { Data = "lobster:" + missing }).ToList();
        var progress = new SweepProgress();
        var outcomes = await ClusterSweep.RunAsync(_cluster.Client, items, progress);
        Assert.All(outcomes, o => Assert.Null(o.Summary));
        Assert.All(outcomes, o => Assert.Contains(missing, o.Error));
        Assert.Equal(3, progress.Done);
        Assert.Equal(3, progress.Failed);
        Assert.Equal(0, progress.Resent); // a failure of the item is its result, not a reason to send it again
    }
}
