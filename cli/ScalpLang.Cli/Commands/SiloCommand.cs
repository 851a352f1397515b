using System.CommandLine;
using System.Net;
using ScalpLang.Sweeps.Orleans;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp silo --cluster URL [--port N] [--gateway-port N] [--advertise IP] [--workers N]</c>:
/// a worker of distributed sweeps. It joins the Orleans cluster that the Redis server or
/// PostgreSQL database at URL keeps the membership of, runs the work items submitters send
/// (`scalp backtest ... --sweep ... --cluster URL`), and leaves cleanly on Ctrl+C or SIGTERM.
/// </summary>
internal static class SiloCommand
{
    private static readonly TimeSpan LeaveGrace = TimeSpan.FromSeconds(10);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cluster = new Option<string>("--cluster") { Description = "redis://HOST:PORT or postgres://USER:PASSWORD@HOST:PORT/DATABASE", Required = true };
        var port = new Option<int>("--port") { Description = "silo-to-silo port (default 11111)", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "port submitters connect to (default 30000)", DefaultValueFactory = _ => 30000 };
        var advertise = new Option<string?>("--advertise") { Description = "the IP address other machines reach this one at (default: loopback, one machine only)" };
        var workers = new Option<int>("--workers") { Description = "work items run at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("silo", "Run a worker of distributed sweeps (Orleans silo)") { cluster, port, gatewayPort, advertise, workers };
        command.SetAction(result => Run(result.GetValue(cluster)!, result.GetValue(port), result.GetValue(gatewayPort), result.GetValue(advertise),
            result.GetValue(workers), stdout, stderr, CancellationToken.None));
        return command;
    }

    public static int Run(string clusterText, int port, int gatewayPort, string? advertiseText, int workers, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellation)
    {
        if (!ClusterAddress.TryParse(clusterText, out var address, out var error))
        {
            stderr.WriteLine($"scalp silo: --cluster {clusterText}: {error}");
            return ExitCodes.UsageOrIo;
        }
        foreach (var (name, value) in new[] { ("--port", port), ("--gateway-port", gatewayPort) })
        {
            if (value is < 1 or > 65535)
            {
                stderr.WriteLine($"scalp silo: {name} {value}: a TCP port is 1..65535");
                return ExitCodes.UsageOrIo;
            }
        }
        if (port == gatewayPort)
        {
            stderr.WriteLine($"scalp silo: --port and --gateway-port must differ (both {port})");
            return ExitCodes.UsageOrIo;
        }
        IPAddress? advertised = null;
        if (advertiseText is not null && !IPAddress.TryParse(advertiseText, out advertised))
        {
            stderr.WriteLine($"scalp silo: --advertise {advertiseText}: not an IP address");
            return ExitCodes.UsageOrIo;
        }
        if (workers < 1)
        {
            stderr.WriteLine($"scalp silo: --workers {workers}: at least 1");
            return ExitCodes.UsageOrIo;
        }
        using var interrupt = new InterruptSignal(cancellation);
        var host = ClusterHosting.BuildSilo(silo => silo
            .UseCluster(address!, new SiloEndpoints(port, gatewayPort, advertised))
            .AddSweepService(new SiloWorkers(workers)));
        try
        {
            host.StartAsync(interrupt.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"scalp silo: cannot join {address!.Display}: {ClusterErrors.Describe(e, address)}");
            return ExitCodes.UsageOrIo;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Success; // interrupted while joining
        }
        stdout.WriteLine($"scalp silo: joined {address!.Display} at {advertised ?? IPAddress.Loopback}:{port} (gateway {gatewayPort}), {workers} workers; Ctrl+C leaves");
        stdout.Flush();
        interrupt.Token.WaitHandle.WaitOne();
        // A graceful leave (membership updated, submitters told) needs the Redis or PostgreSQL
        // server; when that is gone too, the silo stops without it after a grace period.
        // Orleans may keep retrying the server past a cancelled stop, so the process leaves the
        // host behind (its threads end with the process) rather than waiting for it.
        using var grace = new CancellationTokenSource(LeaveGrace);
        var stop = host.StopAsync(grace.Token);
        if (Task.WhenAny(stop, Task.Delay(LeaveGrace + TimeSpan.FromSeconds(1), CancellationToken.None)).GetAwaiter().GetResult() != stop || !stop.IsCompletedSuccessfully)
        {
            stdout.WriteLine("scalp silo: stopped without leaving the cluster in order (its server did not answer in time); the others will declare it dead");
            return ExitCodes.Success;
        }
        host.Dispose();
        stdout.WriteLine("scalp silo: left the cluster");
        return ExitCodes.Success;
    }
}
