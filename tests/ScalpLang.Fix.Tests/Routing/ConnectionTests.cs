using System.Net;
using System.Net.Sockets;
using ScalpLang.Fix.Venue;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>A live run that cannot start says why, promptly, and sends nothing.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public void A_refused_connection_is_named_and_fails_fast()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var run = new LiveRun(new LiveRunOptions(Strategies.Example("passive_market_maker.scalp"), PaperExchangeHarness.ClientSettings(port),
            PaperExchangeHarness.Synthetic));
        var started = DateTime.UtcNow;
        var result = run.Run(CancellationToken.None);
        Assert.Equal(LiveRunFailure.Connection, result.Failure);
        Assert.Equal($"connection refused by 127.0.0.1:{port} (is the venue listening there?)", result.Error);
        Assert.Null(result.Summary);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a refused connection should not wait for the logon timeout");
    }

    [Fact]
    public async Task A_session_the_venue_does_not_know_is_a_logon_failure_naming_the_CompIDs()
    {
        await using var harness = new PaperExchangeHarness();
        var settings = harness.Client(sender: "STRANGER");
        var run = new LiveRun(new LiveRunOptions(Strategies.Example("passive_market_maker.scalp"), settings, PaperExchangeHarness.Synthetic));
        var result = run.Run(CancellationToken.None);
        Assert.Equal(LiveRunFailure.Logon, result.Failure);
        Assert.StartsWith($"127.0.0.1:{harness.Port} did not accept the Logon of FIX.4.4:STRANGER->SCALPEX", result.Error, StringComparison.Ordinal);
        Assert.Contains("check BeginString, SenderCompID and TargetCompID", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Exchange.OrdersReceived);
    }

    [Fact]
    public void The_instrument_comes_from_the_session_keys_or_the_strategy_and_bad_values_are_named()
    {
        var declared = Strategies.Example("passive_market_maker.scalp").Metadata.Instrument;
        var plain = PaperExchangeHarness.ClientSettings(1);
        var fromStrategy = LiveRunOptions.InstrumentFor(plain, declared, out var error);
        Assert.Null(error);
        Assert.Equal(("MSFT", 0.01m, 100m), (fromStrategy!.Symbol, fromStrategy.TickSize, fromStrategy.LotSize));
        var keyed = plain with { Raw = new Dictionary<string, string> { ["Symbol"] = "SYN", ["TickSize"] = "0.01", ["LotSize"] = "1" }, Source = "c.cfg:3" };
        Assert.Equal(("SYN", 1m), (LiveRunOptions.InstrumentFor(keyed, declared, out _)!.Symbol, LiveRunOptions.InstrumentFor(keyed, declared, out _)!.LotSize));
        var bad = keyed with { Raw = new Dictionary<string, string> { ["TickSize"] = "-1" } };
        Assert.Null(LiveRunOptions.InstrumentFor(bad, declared, out error));
        Assert.Equal("c.cfg:3: TickSize '-1' is not a positive decimal", error);
    }
}
