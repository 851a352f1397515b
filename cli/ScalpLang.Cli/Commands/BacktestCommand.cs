using System.CommandLine;
using ScalpLang.Backtest;
using ScalpLang.Backtest.Reports;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp backtest FILE [--data SPEC] [--param NAME=VALUE]... [--json] [--report OUT.html]</c>:
/// compile, run over the data (the seeded synthetic order flow by default) against the simple
/// immediate-fill venue, print the DESIGN.md §6 summary with the report's statistics, and write
/// the HTML report when asked.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH_TO_message.csv, tardis:PATH.csv[,PATH.csv] or tape:PATH", DefaultValueFactory = _ => "synthetic" };
        var parameters = new Option<string[]>("--param") { Description = "override a parameter: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table (an array of them with --sweep)" };
        var sweeps = new Option<string[]>("--sweep") { Description = "run a grid: NAME=FROM..TO:STEP (repeatable; all cores; one row per point)", AllowMultipleArgumentsPerToken = false };
        var report = new Option<string?>("--report") { Description = "also write a self-contained HTML report (charts, round trips) to OUT.html" };
        var venue = new Option<string>("--venue") { Description = "simple (fills at the touch, default) or simulated (queues, partial fills, latency, fees)", DefaultValueFactory = _ => "simple" };
        var latency = new Option<string?>("--latency") { Description = "simulated venue: order-entry and report latency, e.g. const:50us, uniform:20us..80us, lognormal:median=40us,sigma=0.5" };
        var fees = new Option<string?>("--fees") { Description = "simulated venue: fees, e.g. maker=-2bp,taker=3bp (negative: a rebate)" };
        var mdLatency = new Option<string?>("--md-latency") { Description = "simulated venue: market-data latency, e.g. const:5ms (the strategy sees the market that much late)" };
        var cluster = ClusterSweepOption.Create();
        var news = new Option<string?>("--news") { Description = "headlines for a strategy that declares a sentiment: CSV time,headline[,symbol] (time Unix ns or ISO-8601 UTC)" };
        var newsBadRows = new Option<string>("--news-bad-rows") { Description = "stop (default) at a bad headline row, or skip bad rows and count them", DefaultValueFactory = _ => "stop" };
        var command = new Command("backtest", "Run a strategy over market data and summarise the result") { file, data, parameters, json, sweeps, report, venue, latency, fees, mdLatency, cluster, news, newsBadRows };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(data)!, result.GetValue(parameters) ?? [], result.GetValue(json), stdout, stderr,
            result.GetValue(sweeps) ?? [], result.GetValue(report), result.GetValue(venue)!, result.GetValue(latency), result.GetValue(fees), result.GetValue(mdLatency),
            result.GetValue(cluster), result.GetValue(news), result.GetValue(newsBadRows)!));
        return command;
    }

    public static int Run(string path, string dataSpec, IReadOnlyList<string> overrides, bool asJson, TextWriter stdout, TextWriter stderr,
        IReadOnlyList<string>? sweepTexts = null, string? reportPath = null, string venueName = "simple", string? latencyText = null, string? feesText = null,
        string? mdLatencyText = null, string? cluster = ClusterSweepOption.Local, string? newsPath = null, string newsBadRows = "stop")
    {
        if (ClusterSweepOption.Validate(cluster, sweepTexts is { Count: > 0 }) is { } clusterError)
        {
            stderr.WriteLine($"scalp backtest: {clusterError}");
            return ExitCodes.UsageOrIo;
        }
        if (!TryVenue(venueName, latencyText, feesText, mdLatencyText, dataSpec, out var venue, out var venueError))
        {
            stderr.WriteLine($"scalp backtest: {venueError}");
            return ExitCodes.UsageOrIo;
        }
        if (reportPath is not null && sweepTexts is { Count: > 0 })
        {
            stderr.WriteLine("scalp backtest: --report writes one run's report: it cannot be combined with --sweep");
            return ExitCodes.UsageOrIo;
        }
        if (reportPath is not null && ReportFile.CannotWrite(reportPath) is { } reportError)
        {
            stderr.WriteLine($"scalp backtest: --report {reportPath}: {reportError}");
            return ExitCodes.UsageOrIo;
        }
        if (!DataSpec.TryParse(dataSpec, out var data, out var specError))
        {
            stderr.WriteLine($"scalp backtest: --data {dataSpec}: {specError}");
            return ExitCodes.UsageOrIo;
        }
        var files = data.Kind switch
        {
            DataKind.Lobster or DataKind.Tape => [data.Argument],
            DataKind.Tardis => data.Argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => Array.Empty<string>(),
        };
        foreach (var missing in files.Where(f => !File.Exists(f)))
        {
            stderr.WriteLine($"scalp backtest: {missing}: no such file");
            return ExitCodes.UsageOrIo;
        }
        var (strategy, _, exit) = StrategyCompiler.Load(path, overrides, stderr, collectible: false);
        if (strategy is null)
            return exit;
        if (BacktestRunner.UnitMismatch(strategy.Metadata.Instrument, data) is { } mismatch)
            stderr.WriteLine($"scalp backtest: warning: {mismatch}");
        if (newsPath is not null && sweepTexts is { Count: > 0 })
        {
            stderr.WriteLine("scalp backtest: --news runs one backtest: it cannot be combined with --sweep in this release");
            return ExitCodes.UsageOrIo;
        }
        using var news = NewsOption.Prepare("backtest", path, strategy.Metadata, newsPath, newsBadRows, stderr, out var newsExit);
        if (newsExit != ExitCodes.Success)
            return newsExit;
        if (sweepTexts is { Count: > 0 })
            return Sweep(path, strategy, overrides, sweepTexts, data, asJson, stdout, stderr, venue,
                venue is null ? null : new Sweeps.Orleans.VenueSettings(latencyText, feesText, mdLatencyText), cluster);
        // The strategy is loaded non-collectible for speed: the process ends with it, nothing to unload.
        try
        {
            strategy.Start();
        }
        catch (ArgumentException e)
        {
            var reason = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            stderr.WriteLine($"scalp backtest: {path}: cannot start: {reason}");
            return ExitCodes.Errors;
        }
        BacktestEngine? engine = null;
        string? error = null;
        var report = RunProgress.Run(RunProgress.Enabled(asJson, stdout), $"backtest {strategy.Metadata.Name}",
            () => BacktestRunner.RunWithReport(strategy, data, out error, started: e =>
            {
                news?.Attach(e);
                Volatile.Write(ref engine, e);
            }, venue: venue),
            () => Volatile.Read(ref engine)?.Events ?? 0, BacktestRunner.ExpectedEvents(data));
        if (error is not null)
        {
            stderr.WriteLine($"scalp backtest: {error}");
            return ExitCodes.Errors;
        }
        if (news is not null)
            stderr.WriteLine($"scalp backtest: {news.Summary()}");
        if (reportPath is not null && ReportFile.Write(reportPath, ReportHtml.Render(report)) is { } writeError)
        {
            stderr.WriteLine($"scalp backtest: --report {reportPath}: {writeError}");
            return ExitCodes.UsageOrIo;
        }
        stdout.Write(asJson ? report.ToJson() + "\n" : report.ToTable());
        return ExitCodes.Success;
    }

    private static int Sweep(string path, Runtime.Abi.CompiledStrategy template, IReadOnlyList<string> overrides, IReadOnlyList<string> sweepTexts, DataSpec data,
        bool asJson, TextWriter stdout, TextWriter stderr, VenueChoice? venue, Sweeps.Orleans.VenueSettings? venueSettings, string? cluster)
    {
        var axes = new List<SweepAxis>();
        foreach (var text in sweepTexts)
        {
            if (SweepAxis.Parse(text, template.Metadata, out var error) is not { } axis)
            {
                stderr.WriteLine($"scalp backtest: --sweep {text}: {error}");
                return ExitCodes.UsageOrIo;
            }
            if (axes.Any(a => a.Name == axis.Name) || overrides.Any(o => o.Split('=')[0].Trim() == axis.Name))
            {
                stderr.WriteLine($"scalp backtest: --sweep {text}: '{axis.Name}' is already given");
                return ExitCodes.UsageOrIo;
            }
            axes.Add(axis);
        }
        if (axes.Aggregate(1L, (n, a) => n * a.Points.Count) > SweepAxis.MaxPoints)
        {
            stderr.WriteLine($"scalp backtest: the sweep has more than {SweepAxis.MaxPoints} points");
            return ExitCodes.UsageOrIo;
        }
        var results = ClusterSweepOption.Run(cluster, path, template, overrides, axes, data, venueSettings, venue, RunProgress.Enabled(asJson, stdout), stderr, out var exit);
        if (results is null)
            return exit;
        stdout.Write(asJson ? SweepRunner.Json(axes, results) + "\n" : SweepRunner.Table(axes, results));
        return results.Any(r => r.Summary is null) ? ExitCodes.Errors : ExitCodes.Success;
    }

    /// <summary>--venue, --latency, --fees and --md-latency: null for the simple venue, else the simulated exchange's settings.</summary>
    private static bool TryVenue(string name, string? latencyText, string? feesText, string? mdLatencyText, string dataSpec, out VenueChoice? venue, out string? error)
    {
        venue = null;
        error = null;
        switch (name)
        {
            case "simple":
                if (latencyText is not null || feesText is not null || mdLatencyText is not null)
                    error = "--latency, --md-latency and --fees apply to --venue simulated";
                return error is null;
            case "simulated":
                var marketData = Backtest.Venue.LatencyModel.Zero;
                if (mdLatencyText is not null && !Backtest.Venue.LatencyModel.TryParse(mdLatencyText, out marketData, out error))
                {
                    error = $"--md-latency {mdLatencyText}: {error}";
                    return false;
                }
                var latency = Backtest.Venue.LatencyModel.Zero;
                if (latencyText is not null && !Backtest.Venue.LatencyModel.TryParse(latencyText, out latency, out error))
                {
                    error = $"--latency {latencyText}: {error}";
                    return false;
                }
                var fees = Backtest.Venue.FeeSchedule.Zero;
                if (feesText is not null && !Backtest.Venue.FeeSchedule.TryParse(feesText, out fees, out error))
                {
                    error = $"--fees {feesText}: {error}";
                    return false;
                }
                venue = new VenueChoice(latency!, latency!, fees!, MarketData: marketData);
                return true;
            default:
                error = $"--venue {name}: use simple or simulated";
                return false;
        }
    }
}
