using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ScalpLang.Fix.Benchmarks;

// dotnet run -c Release --project tests/ScalpLang.Fix.Benchmarks               full run (default job)
// dotnet run -c Release --project tests/ScalpLang.Fix.Benchmarks -- --quick    ShortRun job, about a minute
// Other BenchmarkDotNet options pass through (--filter, --job, --exporters, ...); with no
// --filter every benchmark runs, rather than BenchmarkDotNet asking which.
// dotnet run -c Release --project tests/ScalpLang.Fix.Benchmarks -- --roundtrip [N]
//     loopback NewOrderSingle -> ExecutionReport round trips: raw socket floor, QuickFIX C++ (needs g++ and
//     libquickfix-dev), ours with memory and file store, in one table
//     (add --ours for only our memory-store row, e.g. under a profiler)
if (args is ["--roundtrip", ..])
{
    var count = args.Length > 1 && args[1] != "--ours" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
    return await ScalpLang.Fix.Benchmarks.RoundTrip.RoundTripLoad.RunAsync(count, oursOnly: args.Contains("--ours"));
}

var arguments = args.ToList();
var quick = arguments.Remove("--quick");
if (!arguments.Any(a => a is "--filter" or "-f"))
    arguments.AddRange(["--filter", "*"]);

var config = DefaultConfig.Instance
    .AddJob(quick ? Job.ShortRun : Job.Default)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.JoinSummary);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(CodecBenchmarks).Assembly).Run([.. arguments], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
