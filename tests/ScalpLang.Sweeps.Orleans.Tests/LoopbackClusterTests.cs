using ScalpLang.Cli;

namespace ScalpLang.Sweeps.Orleans.Tests;

/// <summary>
/// The multi-process case on loopback: Redis clustering, two `scalp silo` processes, one killed
/// with SIGKILL while it holds work; the sweep still completes with every point exactly once and
/// the local sweep's numbers.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LoopbackClusterTests
{
    [Fact]
    public async Task A_silo_killed_mid_sweep_loses_nothing_and_every_point_is_reported_once()
    {
        if (LoopbackProcesses.RedisServer() is not { } server)
        {
            Assert.Fail("redis-server is not installed (Debian package redis-server; ./test.sh installs it)");
            return;
        }
        using var processes = new LoopbackProcesses();
        processes.StartRedis(server);
        var doomed = processes.StartSilo(workers: 1);
        processes.StartSilo(workers: 1);
        var sweep = SweepCase.Create("imbalance_scalper.scalp", "synthetic:seed=11,events=60000", ["threshold=0.50..0.88:0.02"]);
        Assert.True(ClusterAddress.TryParse(processes.Cluster, out var address, out var error), error);
        var (remote, connectError) = await RemoteSweepCluster.ConnectAsync(address!);
        Assert.True(remote is not null, connectError);
        await using (remote)
        {
            var progress = new SweepProgress();
            var run = ClusterSweep.RunAsync(remote.Grains, sweep.Items, progress);
            // Every item is in flight at once (20 < the window): the doomed silo holds half of them
            // when it dies after the first results arrive.
            while (progress.Done < 2 && !run.IsCompleted)
                await Task.Delay(20);
            Assert.False(run.IsCompleted, "the sweep ended before a silo could be killed: make its points longer");
            doomed.Kill();
            var outcomes = await run;

            Assert.Equal(sweep.LocalJson(), sweep.Json(outcomes));
            Assert.Equal(sweep.Items.Count, progress.Done); // counted once per point, however often it was sent
            Assert.Equal(0, progress.Failed);
            Assert.True(progress.Resent > 0, "nothing was re-sent: the killed silo held no work");
            var survivors = outcomes.Select(o => o.Silo).Distinct().ToList();
            Assert.True(survivors.Count >= 1);
        }

        // The CLI submits to the same cluster (one silo left) and prints the local sweep's rows.
        var clusterOut = new StringWriter();
        var localOut = new StringWriter();
        string[] args = ["backtest", TestPaths.Example("imbalance_scalper.scalp"), "--data", "synthetic:seed=11,events=20000", "--sweep", "threshold=0.55..0.65:0.05", "--json"];
        Assert.Equal(0, ScalpCli.Run([.. args, "--cluster", processes.Cluster], clusterOut, TextWriter.Null));
        Assert.Equal(0, ScalpCli.Run([.. args, "--cluster", "none"], localOut, TextWriter.Null));
        Assert.Equal(localOut.ToString(), clusterOut.ToString());
        Assert.StartsWith("[{\"params\":{\"threshold\":\"0.55\"}", clusterOut.ToString());
    }
}
