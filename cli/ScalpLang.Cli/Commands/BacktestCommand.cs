using System.CommandLine;
using ScalpLang.Backtest;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp backtest FILE [--data SPEC] [--param NAME=VALUE]... [--json]</c>: compile, run over
/// the data (the seeded synthetic order flow by default) against the simple immediate-fill venue,
/// and print the DESIGN.md §6 summary.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH_TO_message.csv, tardis:PATH.csv[,PATH.csv] or tape:PATH", DefaultValueFactory = _ => "synthetic" };
        var parameters = new Option<string[]>("--param") { Description = "override a parameter: NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table" };
        var command = new Command("backtest", "Run a strategy over market data and summarise the result") { file, data, parameters, json };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(data)!, result.GetValue(parameters) ?? [], result.GetValue(json), stdout, stderr));
        return command;
    }

    public static int Run(string path, string dataSpec, IReadOnlyList<string> overrides, bool asJson, TextWriter stdout, TextWriter stderr)
    {
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
        var (strategy, context, exit) = StrategyCompiler.Load(path, overrides, stderr, collectible: false);
        if (strategy is null)
            return exit;
        try
        {
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
            var summary = BacktestRunner.Run(strategy, data, out var error);
            if (error is not null)
            {
                stderr.WriteLine($"scalp backtest: {error}");
                return ExitCodes.Errors;
            }
            stdout.Write(asJson ? summary.ToJson() + "\n" : summary.ToTable());
            return ExitCodes.Success;
        }
        finally
        {
            if (context!.IsCollectible)
                context.Unload();
        }
    }
}
