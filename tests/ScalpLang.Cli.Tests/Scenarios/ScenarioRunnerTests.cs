namespace ScalpLang.Cli.Tests.Scenarios;

/// <summary>Running scenarios: the engine's fills drive exits, the diff is exact, and the options mean what docs/scenarios.md says.</summary>
public sealed class ScenarioRunnerTests : IDisposable
{
    // Lot 10 shares: sizes in scenarios are shares. Buys one lot when the spread is at most `gap`
    // and it is flat; a 2-tick stop.
    private const string Strategy = """
        strategy Tiny
        instrument "X" tick 0.01 lot 10 currency USD
        book depth 3
        param gap: ticks = 1 in 1..5
        rule go priority 1 when spread <= gap and position == 0 => buy 1 lot at market
        exit stop_loss 2 ticks
        """;

    private const string Market = """
        at 0ms book bid 10.00x50 ask 10.02x50
        at 1ms book ask 10.01x50
        at 2ms book bid 9.98x50 ask 9.99x50
        at 3ms update bid 9.98x50

        """;

    private readonly ScenarioHarness _tiny = new(Strategy);

    public void Dispose() => _tiny.Dispose();

    [Fact]
    public void A_stop_fires_on_the_filled_position_and_the_flat_strategy_reenters_on_the_next_event()
    {
        // 0ms: spread 2 > gap. 1ms: spread 1, buy at 10.01. 2ms: mid 9.985, unrealized -2.5 <= -2:
        // stop; the flatten fills, and the evaluation after that fill tries exits only, so the
        // flat strategy does not buy until 3ms (a tick on the same 1-tick spread).
        var report = _tiny.Report(Market + """
            expect at 0ms nothing
            expect at 1ms buy 10 market by go
            expect at 2ms flatten by stop_loss
            expect at 3ms buy 10 market
            """);
        Assert.Equal("PASS t.scn (3 expected actions)\n", report);
    }

    [Fact]
    public void A_wrong_expectation_fails_with_the_aligned_listing()
    {
        var outcome = _tiny.Run(Market + """
            expect at 1ms buy 10 market by go
            expect at 2ms flatten by stop_loss
            expect at 3ms buy 10 at 9.99
            expect at 3ms cancel_all
            """);
        Assert.False(outcome.Passed);
        var report = _tiny.Report(Market + """
            expect at 1ms buy 10 market by go
            expect at 2ms flatten by stop_loss
            expect at 3ms buy 10 at 9.99
            expect at 3ms cancel_all
            """);
        Assert.Equal("""
            FAIL t.scn: 2 expected actions not done, 1 unexpected action
                time  action          decision      expected on
              = 1ms   buy 10 market   by go         line 5
              = 2ms   flatten         by stop_loss  line 6
              - 3ms   buy 10 at 9.99                line 7
              - 3ms   cancel_all                    line 8
              + 3ms   buy 10 market   by go
              (= as expected, - expected but not done, + done but not expected)

            """.ReplaceLineEndings("\n"), report);
    }

    [Fact]
    public void Extra_actions_fail_unless_allowed_and_nothing_is_strict_even_then()
    {
        const string expectations = "expect at 1ms buy 10 market\n";
        Assert.Contains("FAIL t.scn: 0 expected actions not done, 2 unexpected actions", _tiny.Report(Market + expectations), StringComparison.Ordinal);
        Assert.Equal("PASS t.scn (1 expected action)\n", _tiny.Report("allow other actions\n" + Market + expectations));
        var strict = _tiny.Report("allow other actions\n" + Market + expectations + "expect at 2ms nothing\n");
        Assert.Contains("  - 2ms   nothing", strict, StringComparison.Ordinal);
        Assert.Contains("  + 2ms   flatten        by stop_loss", strict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_name_must_match_when_given()
    {
        var report = _tiny.Report(Market + "expect at 1ms buy 10 market by go\nexpect at 2ms flatten by go\nexpect at 3ms buy 10 market\n");
        Assert.StartsWith("FAIL t.scn: 1 expected action not done, 1 unexpected action", report, StringComparison.Ordinal);
        Assert.Contains("  - 2ms   flatten        by go", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_change_the_strategy_for_that_scenario_only()
    {
        // gap 2: the 2-tick spread at 0ms is enough to buy (at the ask, 10.02); mid 10.01 is -1.
        var withParam = _tiny.Report("param gap = 2\n" + Market + """
            expect at 0ms buy 10 market
            expect at 2ms flatten by stop_loss
            expect at 3ms buy 10 market
            """);
        Assert.StartsWith("PASS", withParam, StringComparison.Ordinal);
        var without = _tiny.Report(Market + "expect at 1ms buy 10 market\nexpect at 2ms flatten\nexpect at 3ms buy 10 market\n");
        Assert.StartsWith("PASS", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Book_replaces_the_listed_sides_and_update_changes_only_the_listed_levels()
    {
        using var depth = new ScenarioHarness("""
            strategy Deep
            instrument "X" tick 0.01 lot 10 currency USD
            book depth 3
            rule deep priority 1 when bid_depth(levels: 3) > 9 lots => wait
            """);
        var report = depth.Report("""
            at 0ms book bid 10.00x50 9.99x50 ask 10.01x50
            at 1ms update bid 10.00x40
            at 2ms book bid 10.00x90
            at 3ms update bid 9.99x10
            at 4ms update bid 9.99x0
            at 5ms book ask 10.02x10
            expect at 0ms wait
            expect at 3ms wait
            expect at 5ms wait
            """);
        // 0ms: 10 lots. 1ms: 4 + 5 = 9 (9.99 stays). 2ms: 9 (9.99 gone). 3ms: 10. 4ms: 9.
        // 5ms: only the ask side is replaced; the bids stay at 9 lots, so the expected wait is missing.
        Assert.Equal("""
            FAIL t.scn: 1 expected action not done, 0 unexpected actions
                time  action  decision  expected on
              = 0ms   wait    by deep   line 7
              = 3ms   wait    by deep   line 8
              - 5ms   wait              line 9
              (= as expected, - expected but not done, + done but not expected)

            """.ReplaceLineEndings("\n"), report);
    }

    [Fact]
    public void Book_lines_count_as_added_and_cancelled_size_at_the_tracked_levels()
    {
        using var spoof = new ScenarioHarness("""
            strategy Guard
            instrument "X" tick 0.01 lot 10 currency USD
            book depth 1
            rule spoof priority 2 when cancel_rate(window: 1s) > 0.5 => wait
            rule never priority 1 when spread > 100 ticks => buy 1 lot at market
            """);
        // Lots of 10 shares, one tracked level a side. 0ms: added 5 + 5 (9.99 is not tracked).
        // 1ms: 9.99 removed, untracked: nothing. 2ms: the bid shrinks 5 -> 1: cancelled 4, 4 / 10.
        // 3ms: the 10.01 offer (tracked before) goes, cancelled 5; 10.02 (tracked after) comes,
        // added 5: (4 + 5) / (10 + 5) = 0.6 > 0.5.
        var report = spoof.Report("""
            at 0ms book bid 10.00x50 9.99x500 ask 10.01x50
            at 1ms update bid 9.99x0
            at 2ms update bid 10.00x10
            at 3ms update ask 10.01x0 10.02x50
            expect at 0ms nothing
            expect at 1ms nothing
            expect at 2ms nothing
            expect at 3ms wait by spoof
            """);
        Assert.Equal("PASS t.scn (1 expected action)\n", report);
    }

    [Fact]
    public void An_iceberg_expectation_names_the_shown_quantity()
    {
        using var hidden = new ScenarioHarness("""
            strategy Hidden
            instrument "X" tick 0.01 lot 10 currency USD
            book depth 1
            rule join priority 1 when spread == 1 tick => buy 5 lots at bid via iceberg show 2 lots
            """);
        // Lots of 10 shares: 5 lots shown 2 at a time is 50 shares showing 20.
        var pass = hidden.Report("""
            at 0ms book bid 10.00x50 ask 10.01x50
            expect at 0ms buy 50 at 10.00 via iceberg show 20 by join
            """);
        Assert.Equal("PASS t.scn (1 expected action)\n", pass);
        var fail = hidden.Report("""
            at 0ms book bid 10.00x50 ask 10.01x50
            expect at 0ms buy 50 at 10.00 via iceberg show 30
            """);
        Assert.Contains("- 0ms   buy 50 at 10.00 via iceberg show 30            line 2", fail, StringComparison.Ordinal);
        Assert.Contains("+ 0ms   buy 50 at 10.00 via iceberg show 20  by join", fail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("at 0ms book bid 10.005x50 ask 10.01x50\n", "t.scn:1:17: error: the price 10.005 is not on the tick grid of X (tick 0.01)")]
    [InlineData("at 0ms book bid 10.00x55 ask 10.01x50\n", "t.scn:1:23: error: the size 55 is not a whole number of lots of X (lot 10)")]
    [InlineData("at 0ms book bid 10.00x0 ask 10.01x50\n", "t.scn:1:23: error: a 'book' line lists the levels a side has: leave a level out to remove it, or use 'update ... x 0'")]
    [InlineData("at 0ms book bid 10.00x10 10.00x20\n", "t.scn:1:26: error: the price 10.00 is listed twice on this side")]
    [InlineData("at 0ms trade buy 0 @ 10.00\n", "t.scn:1:18: error: a size must be above zero")]
    [InlineData("at 0ms halt\nexpect at 1ms kill\n", "t.scn:2:11: error: no market line is at 1ms, so the strategy cannot act then (it acts only on events)")]
    [InlineData("at 0ms halt\nexpect at 0ms wait by stand_aside\n", "t.scn:2:11: error: Tiny has no rule, exit or circuit breaker named 'stand_aside' (it has: stop_loss, go)")]
    [InlineData("at 0ms halt\nexpect at 0ms buy 15 at 10.00\n", "t.scn:2:19: error: the size 15 is not a whole number of lots of X (lot 10)")]
    [InlineData("at 0ms halt\nexpect at 0ms nothing\nexpect at 0ms kill\n", "t.scn:2:11: error: 'nothing' at 0ms contradicts the action expected then on line 3")]
    [InlineData("strategy Other\n", "t.scn:1:1: error: this scenario is for strategy Other, but it is running with Tiny")]
    [InlineData("param gap = 9\n", "t.scn:1:1: error: param gap = 9: 9 is outside the declared range of 'gap' (1..5)")]
    [InlineData("param gap = 2\nparam gap = 3\n", "t.scn:2:1: error: param gap is set twice (first on line 1)")]
    [InlineData("param nope = 2\n", "t.scn:1:1: error: param nope = 2: Tiny has no parameter 'nope' (it has: gap)")]
    [InlineData("capital 0.001\n", "t.scn:1:1: error: capital 0.001 USD must be at least one tick on one lot (0.10 USD) and less than 2^43 of them")]
    [InlineData("at 0ms book bid 10.00x50 ask 10.01x50\nat 1ms update bid 10.01x10\n", "t.scn:2:4: error: the book is crossed after this line (bid 10.01 >= ask 10.01); a 'book' line replaces the sides it lists, an 'update' line changes only the levels it lists")]
    public void A_scenario_that_does_not_fit_the_strategy_is_an_error_at_the_number(string text, string error)
    {
        var outcome = _tiny.Run(text);
        Assert.Null(outcome.Comparison);
        Assert.Equal(error, Assert.Single(outcome.Errors).ToString());
    }
}
