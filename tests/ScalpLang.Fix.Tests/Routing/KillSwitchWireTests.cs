using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>The kill switch seen from the venue's side of a real FIX session: after a kill, cancels and nothing else.</summary>
public sealed class KillSwitchWireTests
{
    private const string Strategy = "strategy K\ninstrument \"SYM\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
        "rule bid priority 1 when spread <= 2 ticks => buy 1 lot at bid - 1 tick\n" +
        "risk wide when spread >= 5 ticks => kill\n";

    [Fact]
    public async Task A_killed_strategy_sends_one_cancel_per_open_order_and_nothing_else()
    {
        await using var venue = new ScriptedVenue();
        var strategy = Strategies.Compile(Strategy);
        var run = new LiveRun(new LiveRunOptions(strategy, venue.ClientSettings(), new Instrument("SYM", 0.01m, 1m, "USD")) { ClOrdIdPrefix = "K" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = Task.Run(() => run.Run(timeout.Token));

        // The snapshot (spread 1 tick) and three changes of the bid: an order on each event.
        await ScriptedVenue.Until(() => venue.Count("D") == 1, "the first order");
        for (var size = 11; size <= 13; size++)
        {
            venue.Refresh(('1', '0', "100.00", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var expected = size - 9;
            await ScriptedVenue.Until(() => venue.Count("D") == expected, $"order {expected}");
        }
        // The offer moves 9 ticks away: the breaker kills, and every open order is cancelled.
        venue.Refresh(('2', '1', "100.01", ""), ('0', '1', "100.10", "10"));
        await ScriptedVenue.Until(() => venue.Count("F") == 4, "four cancels");
        // The spread narrows again: a live strategy would buy here, a killed one must not.
        venue.Refresh(('2', '1', "100.10", ""), ('0', '1', "100.01", "10"));
        venue.Refresh(('1', '0', "100.00", "20"));
        venue.Session.Logout("test over"); // queued behind the refreshes: the run reads them all before it ends
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LiveRunFailure.None, result.Failure);
        Assert.True(result.Summary!.KillSwitchEngaged);
        Assert.Equal("wide", result.Summary.KillReason);
        var sent = venue.Received.ToList();
        Assert.Equal(["V", "D", "D", "D", "D", "F", "F", "F", "F"], sent.Select(m => m.Type));
        // One cancel per order, each naming an order that was sent, oldest first.
        Assert.Equal(sent.Where(m => m.Type == "D").Select(m => m.ClOrdId), sent.Where(m => m.Type == "F").Select(m => m.OrigClOrdId));
        Assert.Equal(4, result.CancelsSent);
        Assert.True(result.Summary.Denied >= 1, "the narrowed spread should have tried (and been denied) an order");
    }
}
