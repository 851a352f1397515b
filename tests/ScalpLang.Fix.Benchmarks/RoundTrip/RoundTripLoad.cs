using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>
/// `--roundtrip [N]`: NewOrderSingle -> ExecutionReport round trips over loopback, one session,
/// one order in flight, each next order sent as the previous report arrives. Side by side in one
/// command: the floor this machine allows (a raw socket ping-pong of the same message sizes),
/// QuickFIX C++ (a child process; its poll loop and its thread-per-connection sockets), and our
/// initiator against our acceptor with a memory store and with a file store (this process).
/// Prints p50, p99, max and round trips per second, with our ratios to the floor and to QuickFIX.
/// </summary>
internal static class RoundTripLoad
{
    /// <param name="oursOnly">Only our memory-store row (for profiling: `--roundtrip N --ours`).</param>
    public static async Task<int> RunAsync(int count, bool oursOnly = false)
    {
        var warmUp = new RoundTripWarmUp(Math.Max(count / 10, 1), 2.0);
        if (oursOnly)
        {
            var alone = new RoundTripTable();
            alone.Add("ScalpLang.Fix, memory store", await Fix(count, warmUp, fileStore: false), RoundTripRole.Ours);
            alone.Print(Console.Out);
            return 0;
        }
        var quickFix = QuickFixRoundTrip.Build();
        var (orderSize, reportSize) = MessageSizes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} round trips each, after a warm-up of {warmUp.Trips:N0} trips and {warmUp.Seconds:F0} s; loopback, one in flight; NewOrderSingle {orderSize} B, ExecutionReport {reportSize} B"));
        var table = new RoundTripTable();
        table.Add("raw socket ping-pong (floor)", RawPingPong.Run(count, warmUp, orderSize, reportSize), RoundTripRole.Floor);
        var folder = Path.GetDirectoryName(quickFix)!;
        table.Add("QuickFIX C++, poll loop", await QuickFixRoundTrip.RunAsync(quickFix, folder, count, warmUp, threaded: false), RoundTripRole.QuickFix);
        table.Add("QuickFIX C++, threaded", await QuickFixRoundTrip.RunAsync(quickFix, folder, count, warmUp, threaded: true), RoundTripRole.QuickFix);
        table.Add("ScalpLang.Fix, memory store", await Fix(count, warmUp, fileStore: false), RoundTripRole.Ours);
        table.Add("ScalpLang.Fix, file store", await Fix(count, warmUp, fileStore: true), RoundTripRole.Ours);
        table.Print(Console.Out);
        return 0;
    }

    // The sizes our sessions put on the wire for the benchmark's messages (header included).
    private static (int Order, int Report) MessageSizes()
    {
        var w = new FixMessageWriter();
        static FixMessageWriter Header(FixMessageWriter w, string sender, string target) =>
            w.Header(FixTag.MsgSeqNum, 10_000).Header(FixTag.SenderCompID, sender).Header(FixTag.TargetCompID, target).HeaderTimestamp(FixTag.SendingTime, DateTime.UtcNow);
        var order = Header(w.Begin("FIX.4.4", "D"), "BANK", "EXEC")
            .Field(11, "ORD10000").Field(55, "AAPL").Field(54, '1').Timestamp(60, DateTime.UtcNow).Field(38, 100m).Field(40, '2').Field(44, 101.25m).Length;
        var report = Header(w.Begin("FIX.4.4", "8"), "EXEC", "BANK")
            .Field(37, 10_000L).Field(17, 10_000L).Field(150, 'F').Field(39, '2').Field(11, "ORD10000").Field(55, "AAPL").Field(54, '1')
            .Field(38, "100").Field(40, '2').Field(44, "101.25").Field(151, 0m).Field(14, 100m).Field(6, 101.25m).Field(32, 100m).Field(31, 101.25m).Length;
        return (order, report);
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

    private static async Task<(double[], double)> Fix(int count, RoundTripWarmUp warmUp, bool fileStore)
    {
        var folder = Directory.CreateTempSubdirectory("scalp-rt-").FullName;
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var acceptorSession = FixSessionFactory.Create(Settings("acceptor", "EXEC", "BANK", port, fileStore ? Path.Combine(folder, "a") : null), new FillingApplication());
            var app = new TradingApplication(count, warmUp);
            var initiatorSession = FixSessionFactory.Create(Settings("initiator", "BANK", "EXEC", port, fileStore ? Path.Combine(folder, "i") : null), app);
            await using var acceptor = new FixAcceptor([acceptorSession]);
            acceptor.Start();
            await using var initiator = new FixInitiator(initiatorSession);
            initiator.Start();
            for (var i = 0; i < 500 && !initiatorSession.IsLoggedOn; i++)
                await Task.Delay(10);
            if (!initiatorSession.IsLoggedOn)
                throw new InvalidOperationException("no logon within 5 s");
            app.Start(initiatorSession);
            if (!app.Done.Wait(TimeSpan.FromMinutes(10)))
                throw new InvalidOperationException("the round trips did not finish within 10 minutes");
            initiatorSession.Logout();
            await Task.Delay(100);
            acceptorSession.Store.Dispose();
            initiatorSession.Store.Dispose();
            return (app.Micros, app.Seconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
