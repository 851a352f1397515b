using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Venue;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp run FILE --venue fix --config SESSION.cfg [--param NAME=VALUE]... [--duration T] [--json]</c>:
/// the strategy (source or a `scalp build` .dll) trading live or on paper over FIX
/// (runtime/ScalpLang.Fix/Venue/LiveRun), until the venue logs out, the duration passes or Ctrl+C;
/// then open orders are cancelled, the session logged out, and the backtest summary printed.
/// </summary>
internal static class RunCommand
{
    private const string Name = "scalp run";

    /// <summary>Session ids hold '>': written as is, like the rest of the output.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions PlainJson =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp, or a .dll from scalp build)" };
        var venue = new Option<string>("--venue") { Description = "fix: trade over a FIX session", Required = true };
        var config = new Option<string>("--config") { Description = "QuickFIX-style session settings (.cfg) with one initiator session", Required = true };
        var parameters = new Option<string[]>("--param") { Description = "override a parameter: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var duration = new Option<string?>("--duration") { Description = "stop after this long, e.g. 30s or 5min (default: until the venue logs out, or Ctrl+C)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table" };
        var command = new Command("run", "Trade a strategy live or on paper over FIX") { file, venue, config, parameters, duration, json };
        command.SetAction((result, token) => Task.FromResult(Run(result.GetValue(file)!, result.GetValue(venue)!, result.GetValue(config)!,
            result.GetValue(parameters) ?? [], result.GetValue(duration), result.GetValue(json), stdout, stderr, token)));
        return command;
    }

    public static int Run(string path, string venueName, string configPath, IReadOnlyList<string> overrides, string? durationText, bool asJson,
        TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        if (venueName != "fix")
        {
            stderr.WriteLine($"{Name}: --venue {venueName}: only fix is supported (use scalp backtest for the simulated venues)");
            return ExitCodes.UsageOrIo;
        }
        TimeSpan? duration = null;
        if (durationText is not null)
        {
            if (!StrategyCompiler.TryParseValue("duration", durationText, out var ns, out var why) || ns <= 0)
            {
                stderr.WriteLine($"{Name}: --duration {durationText}: {why ?? "must be positive"}");
                return ExitCodes.UsageOrIo;
            }
            duration = TimeSpan.FromTicks(ns / 100);
        }
        if (!File.Exists(configPath))
        {
            stderr.WriteLine($"{Name}: {configPath}: no such file");
            return ExitCodes.UsageOrIo;
        }
        SessionSettings settings;
        try
        {
            var all = SessionSettingsFile.Load(configPath);
            var initiators = all.Where(s => s.ConnectionType == ConnectionType.Initiator).ToList();
            if (initiators.Count != 1)
            {
                stderr.WriteLine($"{Name}: {configPath}: expected exactly one initiator session, found {initiators.Count}");
                return ExitCodes.Errors;
            }
            settings = initiators[0];
        }
        catch (SessionSettingsException e)
        {
            stderr.WriteLine($"{Name}: {e.Message}");
            return ExitCodes.Errors;
        }
        var (strategy, _, exit) = StrategyCompiler.Load(path, overrides, stderr, collectible: false);
        if (strategy is null)
            return exit;
        if (!strategy.Metadata.SentimentSlots.IsEmpty)
        {
            // A live run has no headline feed yet: trading on the neutral 0.5 would be a silent lie.
            stderr.WriteLine($"{Name}: {path}: strategy {strategy.Metadata.Name} reads headlines (sentiment {string.Join(", ", strategy.Metadata.SentimentSlots.Select(s => $"'{s.Name}'"))}), and live runs take no --news feed in this release; backtest it with --news PATH.csv");
            return ExitCodes.UsageOrIo;
        }
        var declared = strategy.Metadata.Instrument;
        if (LiveRunOptions.InstrumentFor(settings, declared, out var instrumentError) is not { } instrument)
        {
            stderr.WriteLine($"{Name}: {instrumentError}");
            return ExitCodes.Errors;
        }
        if (declared is not null && (declared.Symbol != instrument.Symbol || declared.TickSize != instrument.TickSize || declared.LotSize != instrument.LotSize))
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: warning: {declared.Symbol} is declared with tick {declared.TickSize} and lot {declared.LotSize}; the session trades {instrument.Symbol} in ticks of {instrument.TickSize} and lots of {instrument.LotSize}: in this run a tick is {instrument.TickSize} and a lot is {instrument.LotSize}"));
        try
        {
            strategy.Start();
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{Name}: {path}: cannot start: {e.Message}");
            return ExitCodes.Errors;
        }
        var options = new LiveRunOptions(strategy, settings, instrument)
        {
            BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath)),
            Duration = duration,
        };
        LiveRunResult result;
        using (var interrupt = new InterruptSignal(stop))
        {
            try
            {
                result = new LiveRun(options).Run(interrupt.Token);
            }
            catch (Exception e) when (e is FixDictionaryException or SessionSettingsException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Name}: {e.Message}");
                return ExitCodes.Errors;
            }
        }
        foreach (var problem in result.Problems.Take(20))
            stderr.WriteLine($"{Name}: warning: {problem}");
        if (result.Problems.Count > 20)
            stderr.WriteLine($"{Name}: warning: ... and {result.Problems.Count - 20} more");
        if (result.Summary is not { } summary)
        {
            stderr.WriteLine($"{Name}: {result.Error}");
            return ExitCodes.VenueUnavailable;
        }
        if (asJson)
        {
            var node = JsonNode.Parse(summary.ToJson())!.AsObject();
            node["live"] = new JsonObject
            {
                ["session"] = settings.Id.ToString(),
                ["ended"] = result.EndReason,
                ["orders_sent"] = result.OrdersSent,
                ["cancels_sent"] = result.CancelsSent,
                ["cancel_rejects"] = result.CancelRejects,
                ["problems"] = result.Problems.Count,
            };
            stdout.WriteLine(node.ToJsonString(PlainJson));
        }
        else
        {
            stdout.Write(summary.ToTable());
            var c = CultureInfo.InvariantCulture;
            stdout.Write(string.Create(c, $"  {"session",-18} {settings.Id}: {result.EndReason}\n"));
            stdout.Write(string.Create(c, $"  {"sent",-18} {result.OrdersSent:N0} orders, {result.CancelsSent:N0} cancels ({result.CancelRejects:N0} refused: too late or unknown)\n"));
        }
        if (result.Error is not null)
        {
            stderr.WriteLine($"{Name}: {result.Error}");
            return ExitCodes.Errors;
        }
        return ExitCodes.Success;
    }
}
