using System.CommandLine;
using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp tape --data SPEC -o OUT.tape [--depth N] [--tick T --lot L [--symbol S] [--currency C]]</c>:
/// writes any data source as a tape of its top N levels (docs/tape.md), the format
/// <c>--data tape:PATH</c> replays fastest and the Verilog co-simulation reads. Tardis data needs
/// the instrument's tick and lot (its CSV prices are decimals); LOBSTER and synthetic data carry their own.
/// </summary>
internal static class TapeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH_TO_message.csv or tardis:PATH.csv[,PATH.csv]", DefaultValueFactory = _ => "synthetic" };
        var output = new Option<string>("-o", "--output") { Description = "the tape file to write", Required = true };
        var depth = new Option<int>("--depth") { Description = "levels per side the tape carries (1..64)", DefaultValueFactory = _ => 10 };
        var tick = new Option<string?>("--tick") { Description = "tick size (Tardis data only), e.g. 0.1" };
        var lot = new Option<string?>("--lot") { Description = "lot size (Tardis data only), e.g. 0.001" };
        var symbol = new Option<string>("--symbol") { Description = "symbol written in the header (Tardis data only)", DefaultValueFactory = _ => "TARDIS" };
        var currency = new Option<string>("--currency") { Description = "currency of prices (Tardis data only)", DefaultValueFactory = _ => "USD" };
        var command = new Command("tape", "Write market data as a tape (fixed-width L2 records)") { data, output, depth, tick, lot, symbol, currency };
        command.SetAction(result => Run(result.GetValue(data)!, result.GetValue(output)!, result.GetValue(depth),
            result.GetValue(tick), result.GetValue(lot), result.GetValue(symbol)!, result.GetValue(currency)!, stdout, stderr));
        return command;
    }

    public static int Run(string dataSpec, string output, int depth, string? tick, string? lot, string symbol, string currency,
        TextWriter stdout, TextWriter stderr)
    {
        if (!DataSpec.TryParse(dataSpec, out var data, out var specError))
        {
            stderr.WriteLine($"scalp tape: --data {dataSpec}: {specError}");
            return ExitCodes.UsageOrIo;
        }
        if (depth is < 1 or > 64)
        {
            stderr.WriteLine($"scalp tape: --depth must be 1..64 levels per side (got {depth})");
            return ExitCodes.UsageOrIo;
        }
        InstrumentInfo? instrument = null;
        if (data.Kind == DataKind.Tardis)
        {
            if (!TryPositive(tick, out var tickSize) || !TryPositive(lot, out var lotSize))
            {
                stderr.WriteLine("scalp tape: Tardis data needs the instrument: --tick T --lot L (positive decimals, e.g. --tick 0.1 --lot 0.001)");
                return ExitCodes.UsageOrIo;
            }
            instrument = new InstrumentInfo(symbol, tickSize, lotSize, currency);
        }
        else if (tick is not null || lot is not null)
        {
            stderr.WriteLine($"scalp tape: --tick and --lot apply to Tardis data only ({data.Kind} data carries its own instrument)");
            return ExitCodes.UsageOrIo;
        }
        var summary = TapeExport.Write(data, instrument, output, depth, out var error);
        if (summary is null)
        {
            stderr.WriteLine($"scalp tape: {error}");
            return error is not null && error.Contains("no such file", StringComparison.Ordinal) ? ExitCodes.UsageOrIo : ExitCodes.Errors;
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Path}: {summary.Events:N0} events ({summary.SourceEvents:N0} source events), {summary.Records:N0} records, {summary.Bytes:N0} bytes, {depth} levels"));
        return ExitCodes.Success;
    }

    private static bool TryPositive(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0;
}
