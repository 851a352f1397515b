using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ScalpLang.Benchmarks;

// dotnet run -c Release --project tests/ScalpLang.Benchmarks               full run (default job)
// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --quick    ShortRun jobs, about a minute
// ... -- --launches N     N processes per benchmark (the mean is over all of them): a method's
//                         code placement differs from one process to the next, and with it the
//                         per-event cost by up to 10-15% (measured), so ratios want several
// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --write-strategy gen.scalp
//                                                                          the generated input, to inspect or profile
// Other BenchmarkDotNet options pass through (--filter, --job, --exporters, ...); with no
// --filter every benchmark runs, rather than BenchmarkDotNet asking which.
if (args is ["--write-strategy", var path])
{
    File.WriteAllText(path, StrategyGenerator.Generate(FrontEndBenchmarks.Lines));
    return 0;
}

// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --venue-once
//                                                                          VenueBenchmarks' runs timed by a stopwatch, without
//                                                                          BenchmarkDotNet (for perf record and quick checks)
if (args is ["--venue-once"])
{
    VenueBenchmarks.TimeOnce(Console.Out);
    return 0;
}

var arguments = args.ToList();
var quick = arguments.Remove("--quick");
var launches = 0;
if (arguments.IndexOf("--launches") is >= 0 and var at && at + 1 < arguments.Count && int.TryParse(arguments[at + 1], out launches))
    arguments.RemoveRange(at, 2);
if (!arguments.Any(a => a is "--filter" or "-f"))
    arguments.AddRange(["--filter", "*"]);

// Two GC settings: the runtime's default (concurrent) and the one the scalp CLI ships with
// (non-concurrent, set in cli/ScalpLang.Cli/ScalpLang.Cli.csproj: a batch compiler wants
// throughput). The front end allocates enough that the GC mode decides much of the time.
var baseJob = quick ? Job.ShortRun : Job.Default;
if (launches > 0)
    baseJob = baseJob.WithLaunchCount(launches);
var config = DefaultConfig.Instance
    .AddJob(baseJob.WithGcConcurrent(true).WithId("concurrent-gc"))
    .AddJob(baseJob.WithGcConcurrent(false).WithId("cli-gc"))
    .AddColumn(new LinesPerSecondColumn(FrontEndBenchmarks.Lines));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(FrontEndBenchmarks).Assembly).Run([.. arguments], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
