using System.CommandLine;
using System.Globalization;
using ScalpLang.Backtest;
using ScalpLang.Backtest.Venue;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Exchange;
using ScalpLang.Fix.Session;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp exchange --port N [--host H] [--data SPEC] [--config CFG] [--speed X|max] [--fees SPEC]</c>:
/// a paper-trading FIX acceptor over the simulated venue (runtime/ScalpLang.Fix/Exchange), on
/// loopback by default, replaying the data from the first market-data subscription to its end.
/// </summary>
internal static class ExchangeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port") { Description = "port to listen on (0: any free port)", Required = true };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH_TO_message.csv or tardis:PATH.csv[,PATH.csv]", DefaultValueFactory = _ => "synthetic" };
        var config = new Option<string?>("--config") { Description = "QuickFIX-style session settings (.cfg) with the acceptor sessions; default: FIX.4.4 SCALPEX <- SCALPCLIENT" };
        var speed = new Option<string>("--speed") { Description = "data time per wall time: 1 real time (default), 10 ten times faster, max as fast as possible", DefaultValueFactory = _ => "1" };
        var fees = new Option<string?>("--fees") { Description = "the venue's fees, e.g. maker=-2bp,taker=3bp" };
        var command = new Command("exchange", "Run a paper-trading FIX exchange over the simulated matching engine") { port, host, data, config, speed, fees };
        command.SetAction((result, token) => RunAsync(result.GetValue(port), result.GetValue(host)!, result.GetValue(data)!, result.GetValue(config),
            result.GetValue(speed)!, result.GetValue(fees), stdout, stderr, token));
        return command;
    }

    public static async Task<int> RunAsync(int port, string host, string dataSpec, string? configPath, string speedText, string? feesText,
        TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        const string Name = "scalp exchange";
        if (!DataSpec.TryParse(dataSpec, out var data, out var dataError) || data.Kind == DataKind.Tape)
        {
            stderr.WriteLine($"{Name}: --data {dataSpec}: {dataError ?? "a tape cannot feed the venue (it needs order-level or L2 data: synthetic, lobster or tardis)"}");
            return ExitCodes.UsageOrIo;
        }
        if (data.Kind is DataKind.Lobster or DataKind.Tardis && data.Argument.Split(',').FirstOrDefault(f => !File.Exists(f.Trim())) is { } missing)
        {
            stderr.WriteLine($"{Name}: {missing}: no such file");
            return ExitCodes.UsageOrIo;
        }
        decimal? speed = null;
        if (speedText != "max")
        {
            if (!decimal.TryParse(speedText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var x) || x <= 0)
            {
                stderr.WriteLine($"{Name}: --speed {speedText}: use a positive number (1 is real time) or max");
                return ExitCodes.UsageOrIo;
            }
            speed = x;
        }
        var fees = FeeSchedule.Zero;
        if (feesText is not null && !FeeSchedule.TryParse(feesText, out fees, out var feesError))
        {
            stderr.WriteLine($"{Name}: --fees {feesText}: {feesError}");
            return ExitCodes.UsageOrIo;
        }
        if (port is < 0 or > 65535)
        {
            stderr.WriteLine($"{Name}: --port {port}: use 0 to 65535");
            return ExitCodes.UsageOrIo;
        }
        IReadOnlyList<SessionSettings> sessions;
        string? baseDirectory = null;
        if (configPath is null)
            sessions = [PaperExchangeOptions.DefaultSession(host, port)];
        else
        {
            if (!File.Exists(configPath))
            {
                stderr.WriteLine($"{Name}: {configPath}: no such file");
                return ExitCodes.UsageOrIo;
            }
            try
            {
                var all = SessionSettingsFile.Load(configPath);
                if (all.FirstOrDefault(s => s.ConnectionType != ConnectionType.Acceptor) is { } initiator)
                {
                    stderr.WriteLine($"{Name}: {initiator.Source}: session {initiator.Id} is an initiator; the exchange takes acceptor sessions");
                    return ExitCodes.Errors;
                }
                sessions = all.Select(s => s with { SocketAcceptHost = host, SocketAcceptPort = port }).ToList();
                baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath));
            }
            catch (Exception e) when (e is SessionSettingsException)
            {
                stderr.WriteLine($"{Name}: {e.Message}");
                return ExitCodes.Errors;
            }
        }
        PaperExchange exchange;
        try
        {
            exchange = new PaperExchange(new PaperExchangeOptions(sessions, data) { Speed = speed, Fees = fees!, BaseDirectory = baseDirectory });
        }
        catch (Exception e) when (e is FixDictionaryException or SessionSettingsException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Name}: {e.Message}");
            return ExitCodes.Errors;
        }
        await using (exchange)
        {
            try
            {
                exchange.Start();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                stderr.WriteLine($"{Name}: cannot listen on {host}:{port}: {e.Message}");
                return ExitCodes.UsageOrIo;
            }
            var c = CultureInfo.InvariantCulture;
            var instrument = exchange.Instrument;
            var endPoint = exchange.LocalEndPoints[0];
            stdout.WriteLine(string.Create(c, $"listening on {endPoint.Address}:{endPoint.Port} as {string.Join(", ", exchange.Sessions.Select(s => s.Id))}"));
            stdout.WriteLine(string.Create(c, $"trading {instrument.Symbol} (tick {instrument.TickSize}, lot {instrument.LotSize}); replaying {dataSpec} at {(speed is { } s ? $"{s}x" : "full speed")} from the first market-data subscription (Ctrl+C stops)"));
            stdout.Flush();
            using var interrupt = new InterruptSignal(stop);
            using (interrupt.Token.Register(exchange.Stop))
            {
                var error = await exchange.Completion;
                stdout.WriteLine(string.Create(c,
                    $"{(interrupt.Token.IsCancellationRequested ? "stopped" : "end of data")}: {exchange.Events:N0} events, {exchange.OrdersReceived:N0} orders ({exchange.OrdersRejected:N0} rejected), {exchange.Fills.Count:N0} fills, {exchange.MarketDataSent:N0} market data messages"));
                if (error is not null)
                {
                    stderr.WriteLine($"{Name}: {error}");
                    return ExitCodes.Errors;
                }
            }
        }
        return ExitCodes.Success;
    }
}
