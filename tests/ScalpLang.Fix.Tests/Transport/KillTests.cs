using System.Collections.Concurrent;
using System.Diagnostics;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Tests.Store;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>
/// A real kill -9: a child process (this assembly, <see cref="ChildProgram"/>) runs an initiator
/// on a file store and streams orders to our acceptor; it is killed with SIGKILL mid-stream and
/// started again on the same files. The acceptor (ResetOnLogon=N) must end up with every order
/// the child stored, each sent once as an original (any second copy is a PossDup resend), and
/// the sequence numbers must carry on.
/// </summary>
public sealed class KillTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private sealed class OrderRecorder : ISessionApplication
    {
        public ConcurrentQueue<(string ClOrdId, bool PossDup)> Orders { get; } = new();

        public ApplicationResult FromApp(FixSession session, FixMessage message)
        {
            Orders.Enqueue((message.GetString(FixTag.ClOrdID) ?? "", message.TryGetBoolean(FixTag.PossDupFlag, out var p) && p));
            return ApplicationResult.Handled;
        }
    }

    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly BlockingCollection<string> _lines = [];

        public Child(int port, string store, int orders)
        {
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "exec", typeof(ChildProgram).Assembly.Location, "fix-order-sender", port.ToString(System.Globalization.CultureInfo.InvariantCulture), store, orders.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                info.ArgumentList.Add(arg);
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                    _lines.Add(e.Data);
            };
            _process.Start();
            _process.BeginOutputReadLine();
        }

        public string WaitFor(string prefix, double seconds = 20)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (_lines.TryTake(out var line, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                    return line;
            }
            throw new TimeoutException($"the child did not print '{prefix}' within {seconds} s (exited: {_process.HasExited})");
        }

        /// <summary>SIGKILL on Unix: no finally blocks, no flushing, no Logout.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                Kill();
            _process.Dispose();
            _lines.Dispose();
        }
    }

    [Fact]
    public async Task After_kill_9_the_restarted_initiator_delivers_every_stored_order_exactly_once_as_original()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var recorder = new OrderRecorder();
        var first = new LoopbackAcceptor(s => s with { ResetOnLogon = false, SocketAcceptPort = port }, recorder);
        var session = first.Session;
        var store = _folder.File("initiator");
        int sentOnline;
        using (var child = new Child(port, store, 100_000))
        {
            child.WaitFor("SENT 200");
            // The network goes away: the child keeps taking orders (stored, numbered, not sent)...
            await first.DisposeAsync();
            sentOnline = recorder.Orders.Count;
            child.WaitFor($"SENT {sentOnline + 100}");
            // ...and then dies without a chance to flush or log out.
            child.Kill();
        }
        await using var second = new Fix.Transport.FixAcceptor([session]);
        second.Start();

        using var restarted = new Child(port, store, 0);
        var recovered = restarted.WaitFor("RECOVERED");
        var parts = recovered.Split(' ', '=');
        var next = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        var stored = int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stored >= sentOnline + 100, recovered);
        restarted.WaitFor("LOGGEDON");
        var all = Enumerable.Range(1, stored).Select(i => "ORD" + i).ToHashSet();
        Assert.True(
            SpinWait.SpinUntil(() => all.IsSubsetOf(recorder.Orders.Select(o => o.ClOrdId)), TimeSpan.FromSeconds(15)),
            $"missing after restart: {string.Join(",", all.Except(recorder.Orders.Select(o => o.ClOrdId)).Take(10))}");
        var resends = recorder.Orders.Count(o => o.PossDup);
        output.WriteLine($"{sentOnline} orders reached the acceptor before the network went; {stored} were stored; Logon {next}; {resends} PossDup resends");
        Assert.True(resends >= stored - sentOnline, "the orders taken offline must arrive as PossDup resends");
        var twice = recorder.Orders.Where(o => !o.PossDup).GroupBy(o => o.ClOrdId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
        Assert.All(recorder.Orders, o => Assert.Contains(o.ClOrdId, all));
        // The restarted child's Logon took the number after everything it stored, and the acceptor caught up to it.
        Assert.True(SpinWait.SpinUntil(() => session.NextTargetMsgSeqNum == next + 1, TimeSpan.FromSeconds(5)),
            $"acceptor expects {session.NextTargetMsgSeqNum}, the child's Logon was {next}");
    }
}
