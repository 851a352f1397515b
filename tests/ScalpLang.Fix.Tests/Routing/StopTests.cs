using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>Ending a run (Ctrl+C, --duration): open orders are cancelled and the session logged out, in that order.</summary>
public sealed class StopTests
{
    private const string Strategy = "strategy S\ninstrument \"SYM\" tick 0.01 lot 1 currency USD\nbook depth 1\n" +
        "rule bid priority 1 when spread <= 2 ticks and position == 0 => buy 1 lot at bid - 1 tick\n";

    [Fact]
    public async Task An_interrupted_run_cancels_its_open_orders_then_logs_out()
    {
        await using var venue = new ScriptedVenue();
        var run = new LiveRun(new LiveRunOptions(Strategies.Compile(Strategy), venue.ClientSettings(), new Instrument("SYM", 0.01m, 1m, "USD")));
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => run.Run(stop.Token));
        await ScriptedVenue.Until(() => venue.Count("D") == 1, "an order");
        venue.Refresh(('1', '0', "100.00", "12"));
        await ScriptedVenue.Until(() => venue.Count("D") == 2, "a second order");
        await stop.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LiveRunFailure.None, result.Failure);
        Assert.Equal("interrupted", result.EndReason);
        Assert.Equal(["V", "D", "D", "F", "F"], venue.Received.Select(m => m.Type));
        Assert.Empty(result.Problems); // both cancels confirmed within the wait
        Assert.False(result.Summary!.KillSwitchEngaged); // stopping is not a kill
        await ScriptedVenue.Until(() => !venue.Session.IsConnected, "the logout");
    }

    [Fact]
    public async Task A_duration_ends_the_run_the_same_way()
    {
        await using var venue = new ScriptedVenue();
        var run = new LiveRun(new LiveRunOptions(Strategies.Compile(Strategy), venue.ClientSettings(), new Instrument("SYM", 0.01m, 1m, "USD"))
        {
            Duration = TimeSpan.FromSeconds(2), // ample for logon, subscription and the first order on a loaded machine
        });
        var result = await Task.Run(() => run.Run(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("duration reached", result.EndReason);
        Assert.Equal(["V", "D", "F"], venue.Received.Select(m => m.Type));
    }
}
