using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ScalpLang.Benchmarks;

// dotnet run -c Release --project tests/ScalpLang.Benchmarks               full run (default job)
// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --quick    ShortRun job, about a minute
// dotnet run -c Release --project tests/ScalpLang.Benchmarks -- --write-strategy gen.scalp
//                                                                          the generated input, to inspect or profile
// Other BenchmarkDotNet options pass through (--filter, --job, --exporters, ...); with no
// --filter every benchmark runs, rather than BenchmarkDotNet asking which.
if (args is ["--write-strategy", var path])
{
    File.WriteAllText(path, StrategyGenerator.Generate(FrontEndBenchmarks.Lines));
    return 0;
}

var arguments = args.ToList();
if (arguments.Remove("--quick"))
    arguments.AddRange(["--job", "short"]);
if (!arguments.Any(a => a is "--filter" or "-f"))
    arguments.AddRange(["--filter", "*"]);

var config = DefaultConfig.Instance
    .AddColumn(new LinesPerSecondColumn(FrontEndBenchmarks.Lines))
    .WithOptions(ConfigOptions.JoinSummary);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(FrontEndBenchmarks).Assembly).Run([.. arguments], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
