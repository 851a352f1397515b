using System.Diagnostics;
using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Cli;
using ScalpLang.Sweeps.Orleans;
using ScalpLang.Sweeps.Orleans.Bench;

// Distributed sweeps, measured (README, Performance):
//
//   dotnet run -c Release --project tests/ScalpLang.Sweeps.Orleans.Bench -- [--scaling] [--overhead]
//       [--points 64] [--data lobster:PATH_TO_message.csv] [--example imbalance_scalper.scalp] [--items 400]
//
// --scaling: one sweep of --points points over --data (default: the GOOG LOBSTER day under
// ../shared) on the local multi-core runner (the baseline), the embedded silo, and Redis-clustered
// `scalp silo` processes on loopback: one or two silos with one worker or a worker per core; each
// row the median of three runs after its own warm-up. Every way's rows are checked equal to the baseline's.
// --overhead: --items work items over 100 synthetic events each, one at a time (window 1), on two
// silo processes and on the embedded silo, against the same items run in this process without
// Orleans; the difference per item is the cost of the trip.
var options = args.ToList();
string Value(string name, string fallback)
{
    var at = options.IndexOf(name);
    return at >= 0 && at + 1 < options.Count ? options[at + 1] : fallback;
}
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "ScalpLang.sln")))
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run from the repository");
var example = Path.Combine(root, "examples", Value("--example", "imbalance_scalper.scalp"));
var both = !options.Contains("--scaling") && !options.Contains("--overhead");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start");
if (both || options.Contains("--scaling"))
{
    var goog = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(root)!, "shared", "data", "lobster", "GOOG_2012-06-21_1"), "*message*.csv").FirstOrDefault();
    var data = Value("--data", "lobster:" + goog);
    var points = int.Parse(Value("--points", "64"), CultureInfo.InvariantCulture);
    await Scaling(example, data, points);
}
if (both || options.Contains("--overhead"))
    await Overhead(example, int.Parse(Value("--items", "400"), CultureInfo.InvariantCulture));
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
return 0;

static (Sweep Sweep, List<SweepWorkItem> Items) Prepare(string example, string data, string axis)
{
    var (template, _, _) = StrategyCompiler.Load(example, [], Console.Error, collectible: false);
    var axes = new List<SweepAxis> { SweepAxis.Parse(axis, template!.Metadata, out var error) ?? throw new ArgumentException(error) };
    if (!DataSpec.TryParse(data, out var spec, out var specError))
        throw new ArgumentException(specError);
    var items = ClusterSweepOption.WorkItems(StrategyImageSource.For(example, template)!, template, [], axes, SweepAxis.Grid(axes), spec, null);
    return (new Sweep(template, axes, spec), items);
}

static async Task Scaling(string example, string data, int points)
{
    // threshold steps of 0.005 from 0.50: 64 points stay inside its declared 0.50..0.90.
    var (sweep, items) = Prepare(example, data, $"threshold=0.500..{0.5m + (points - 1) * 0.005m:0.000}:0.005");
    Console.WriteLine($"\nscaling: {items.Count} points of {Path.GetFileName(example)} over {data}");
    // Each row: the median of three timed runs after a warm-up (JIT, strategy loaded) of its own.
    var firstAxis = new List<SweepAxis> { sweep.Axes[0] with { Points = [.. sweep.Axes[0].Points.Take(2 * Environment.ProcessorCount)] } };
    SweepRunner.Run(sweep.Template, [], firstAxis, sweep.Data);
    var baseline = "";
    var local = Median(() => baseline = SweepRunner.Json(sweep.Axes, SweepRunner.Run(sweep.Template, [], sweep.Axes, sweep.Data)));
    Row("local multi-core runner (baseline)", local, local, true);

    await using (var embedded = await EmbeddedSweepCluster.StartAsync(SiloWorkers.PerCore))
    {
        await ClusterSweep.RunAsync(embedded.Grains, items.Take(2 * Environment.ProcessorCount).ToList(), new SweepProgress(), heartbeat: false);
        var same = true;
        var elapsed = Median(() => same &= Same(ClusterSweep.RunAsync(embedded.Grains, items, new SweepProgress(), heartbeat: false).GetAwaiter().GetResult()));
        Row("embedded silo (started beforehand)", elapsed, local, same);
    }

    foreach (var (silos, workers) in new[] { (1, 1), (2, 1), (1, Environment.ProcessorCount), (2, Environment.ProcessorCount) })
    {
        using var processes = new SiloProcesses();
        for (var i = 0; i < silos; i++)
            processes.StartSilo(workers);
        await using (var remote = await processes.ConnectAsync())
        {
            await ClusterSweep.RunAsync(remote.Grains, items.Take(4 * silos * workers).ToList(), new SweepProgress()); // warm: JIT and strategy loaded on each silo
            var same = true;
            var elapsed = Median(() => same &= Same(ClusterSweep.RunAsync(remote.Grains, items, new SweepProgress()).GetAwaiter().GetResult()));
            Row($"{silos} silo process{(silos > 1 ? "es" : "")} x {workers} worker{(workers > 1 ? "s" : "")} (Redis, loopback)", elapsed, local, same);
        }
    }

    bool Same(IReadOnlyList<SweepOutcome> outcomes)
    {
        var grid = SweepAxis.Grid(sweep.Axes);
        return SweepRunner.Json(sweep.Axes, [.. outcomes.Select(o => new SweepRunner.PointResult(grid[o.Index], o.Summary, o.Error))]) == baseline;
    }
}

static async Task Overhead(string example, int count)
{
    var (_, prototype) = Prepare(example, "synthetic:seed=5,events=100", "threshold=0.50..0.90:0.01");
    var items = Enumerable.Range(0, count).Select(i => prototype[i % prototype.Count] with { Index = i }).ToList();
    Console.WriteLine($"\noverhead: {count} work items of 100 synthetic events, one at a time");
    var executor = new WorkItemExecutor(new StrategyCache(), new SiloWorkers(1));
    foreach (var item in items.Take(50))
        executor.Execute(item, "bench"); // warm
    var clock = Stopwatch.StartNew();
    foreach (var item in items)
        executor.Execute(item, "bench");
    var direct = clock.Elapsed;
    Console.WriteLine($"  {"in this process, no Orleans (baseline)",-46} {PerItem(direct),9:0.000} ms/item");

    await using (var embedded = await EmbeddedSweepCluster.StartAsync(SiloWorkers.PerCore))
    {
        await ClusterSweep.RunAsync(embedded.Grains, items.Take(50).ToList(), new SweepProgress(), window: 1, heartbeat: false);
        clock.Restart();
        await ClusterSweep.RunAsync(embedded.Grains, items, new SweepProgress(), window: 1, heartbeat: false);
        Report("embedded silo", clock.Elapsed);
    }
    using var processes = new SiloProcesses();
    processes.StartSilo(1);
    processes.StartSilo(1);
    await using (var remote = await processes.ConnectAsync())
    {
        await ClusterSweep.RunAsync(remote.Grains, items.Take(50).ToList(), new SweepProgress(), window: 1);
        clock.Restart();
        await ClusterSweep.RunAsync(remote.Grains, items, new SweepProgress(), window: 1);
        Report("2 silo processes (Redis, loopback), window 1", clock.Elapsed);
        clock.Restart();
        await ClusterSweep.RunAsync(remote.Grains, items, new SweepProgress(), window: 64);
        Console.WriteLine($"  {"2 silo processes, window 64 (throughput)",-46} {PerItem(clock.Elapsed),9:0.000} ms/item");
    }

    double PerItem(TimeSpan elapsed) => elapsed.TotalMilliseconds / count;
    void Report(string what, TimeSpan elapsed) =>
        Console.WriteLine($"  {what,-46} {PerItem(elapsed),9:0.000} ms/item, overhead {PerItem(elapsed) - PerItem(direct):0.000} ms/item");
}

static TimeSpan Median(Action run)
{
    var times = new List<TimeSpan>();
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        run();
        times.Add(clock.Elapsed);
    }
    return times.Order().ElementAt(1);
}

static void Row(string what, TimeSpan elapsed, TimeSpan baseline, bool same) =>
    Console.WriteLine($"  {what,-52} {elapsed.TotalSeconds,7:0.00} s  {elapsed / baseline,5:0.00}x  rows {(same ? "equal to the baseline" : "DIFFER")}");

internal sealed record Sweep(ScalpLang.Runtime.Abi.CompiledStrategy Template, List<SweepAxis> Axes, DataSpec Data);
