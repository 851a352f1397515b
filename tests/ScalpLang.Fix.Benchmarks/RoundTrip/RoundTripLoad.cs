using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>
/// `--roundtrip [N]`: NewOrderSingle -> ExecutionReport round trips over loopback, one session,
/// one order in flight, measured side by side in one process: our initiator against our acceptor
/// with a memory store and with a file store, and the floor this machine allows, a raw socket
/// ping-pong of the same message sizes. Prints p50, p99, max and round trips per second.
/// </summary>
internal static class RoundTripLoad
{
    public static async Task<int> RunAsync(int count)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} round trips each, after {count / 10:N0} warm-up; loopback, one in flight"));
        Console.WriteLine($"{"",-28} {"p50 us",9} {"p99 us",9} {"max us",9} {"trips/s",10}");
        Report("raw socket ping-pong (floor)", await RawPingPong(count));
        Report("ScalpLang.Fix, memory store", await Fix(count, fileStore: false));
        Report("ScalpLang.Fix, file store", await Fix(count, fileStore: true));
        return 0;
    }

    private static void Report(string name, (double[] Micros, double Seconds) run)
    {
        var sorted = run.Micros.Order().ToArray();
        double Pct(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {Pct(0.50),9:F1} {Pct(0.99),9:F1} {sorted[^1],9:F1} {sorted.Length / run.Seconds,10:N0}"));
    }

    private static SessionSettings Settings(string type, string sender, string target, int port, string? store) =>
        SessionSettingsFile.Parse($"""
            [DEFAULT]
            ConnectionType={type}
            BeginString=FIX.4.4
            SenderCompID={sender}
            TargetCompID={target}
            HeartBtInt=30
            StartTime=00:00:00
            EndTime=00:00:00
            SocketAcceptHost=127.0.0.1
            SocketAcceptPort={port}
            SocketConnectHost=127.0.0.1
            SocketConnectPort={port}
            ReconnectInterval=1
            {(store is null ? "" : "FileStorePath=" + store)}
            FsyncPolicy=never
            [SESSION]
            """, "roundtrip").Single();

    private static async Task<(double[], double)> Fix(int count, bool fileStore)
    {
        var folder = Directory.CreateTempSubdirectory("scalp-rt-").FullName;
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var acceptorSession = FixSessionFactory.Create(Settings("acceptor", "EXEC", "BANK", port, fileStore ? Path.Combine(folder, "a") : null), new FillingApplication());
            var app = new SignallingApplication();
            var initiatorSession = FixSessionFactory.Create(Settings("initiator", "BANK", "EXEC", port, fileStore ? Path.Combine(folder, "i") : null), app);
            await using var acceptor = new FixAcceptor([acceptorSession]);
            acceptor.Start();
            await using var initiator = new FixInitiator(initiatorSession);
            initiator.Start();
            for (var i = 0; i < 500 && !initiatorSession.IsLoggedOn; i++)
                await Task.Delay(10);
            if (!initiatorSession.IsLoggedOn)
                throw new InvalidOperationException("no logon within 5 s");
            var writer = new FixMessageWriter();
            var micros = new double[count];
            var warmUp = count / 10;
            var clock = Stopwatch.StartNew();
            for (var i = -warmUp; i < count; i++)
            {
                if (i == 0)
                    clock.Restart();
                var start = Stopwatch.GetTimestamp();
                initiatorSession.Send(writer.Begin("FIX.4.4", "D")
                    .Field(11, "ORD" + i.ToString(CultureInfo.InvariantCulture)).Field(55, "AAPL").Field(54, '1')
                    .Timestamp(60, DateTime.UtcNow).Field(38, 100m).Field(40, '2').Field(44, 101.25m));
                if (!app.Reports.Wait(TimeSpan.FromSeconds(5)))
                    throw new InvalidOperationException($"no ExecutionReport for order {i}");
                if (i >= 0)
                    micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            initiatorSession.Logout();
            await Task.Delay(100);
            acceptorSession.Store.Dispose();
            initiatorSession.Store.Dispose();
            return (micros, seconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The floor: a 200-byte message out, a 250-byte answer back, over the same loopback.</summary>
    private static async Task<(double[], double)> RawPingPong(int count)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var server = await listener.AcceptSocketAsync();
        server.NoDelay = true;
        var echo = Task.Run(() =>
        {
            var request = new byte[200];
            var answer = new byte[250];
            while (true)
            {
                var got = 0;
                while (got < request.Length)
                {
                    var n = server.Receive(request, got, request.Length - got, SocketFlags.None);
                    if (n == 0)
                        return;
                    got += n;
                }
                server.Send(answer);
            }
        });
        var order = new byte[200];
        var reply = new byte[250];
        var micros = new double[count];
        var warmUp = count / 10;
        var clock = Stopwatch.StartNew();
        for (var i = -warmUp; i < count; i++)
        {
            if (i == 0)
                clock.Restart();
            var start = Stopwatch.GetTimestamp();
            client.Send(order);
            var got = 0;
            while (got < reply.Length)
                got += client.Receive(reply, got, reply.Length - got, SocketFlags.None);
            if (i >= 0)
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        client.Shutdown(SocketShutdown.Both);
        await echo;
        return (micros, seconds);
    }
}
