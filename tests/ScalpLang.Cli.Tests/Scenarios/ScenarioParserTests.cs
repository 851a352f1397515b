using ScalpLang.Backtest.Scenarios;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Cli.Tests.Scenarios;

/// <summary>The .scn syntax (docs/scenarios.md): every statement, and errors with exact positions.</summary>
public sealed class ScenarioParserTests
{
    private static ScenarioFile Parse(string text)
    {
        var (file, errors) = ScenarioParser.Parse(text, "t.scn");
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        return file!;
    }

    [Fact]
    public void Every_statement_parses_with_numbers_as_written()
    {
        var file = Parse("""
            // a comment line
            strategy ImbalanceScalper   // trailing comment
            param threshold = 0.7
            param patience = 500ms
            capital 2500.50
            allow other actions

            at 0ms book bid 100.00x500 99.99 x 300 ask 100.01x100
            at 1.5ms update ask 100.02x0
            at 250us trade sell 200 @ 100.01
            at 2s halt
            at 1min resume
            expect at 1.5ms buy 100 market by long
            expect at 2s sell 200 at 100.05 via twap over 2s slices 4
            expect at 2s flatten then wait 5s
            expect at 2s hold
            expect at 1min nothing
            expect at 1min kill by circuit_breaker
            """.Replace("at 250us", "at 2s", StringComparison.Ordinal));
        Assert.Collection(file.Headers,
            h => Assert.Equal("ImbalanceScalper", Assert.IsType<StrategyHeader>(h).Name),
            h => Assert.Equal(("threshold", "0.7"), (Assert.IsType<ParamHeader>(h).Name, ((ParamHeader)h).Value)),
            h => Assert.Equal("500ms", Assert.IsType<ParamHeader>(h).Value),
            h => Assert.Equal(2500.50m, Assert.IsType<CapitalHeader>(h).Amount),
            h => Assert.IsType<AllowOtherActionsHeader>(h));
        var book = Assert.IsType<BookLine>(file.Market[0]);
        Assert.True(book.ReplacesSides);
        Assert.Equal([100.00m, 99.99m], book.Bids!.Value.Select(l => l.Price.Value));
        Assert.Equal([500m, 300m], book.Bids!.Value.Select(l => l.Size.Value));
        Assert.Equal(new SourcePosition(8, 28), book.Bids!.Value[1].Price.At);
        Assert.Equal(100.01m, Assert.Single(book.Asks!.Value).Price.Value);
        var update = Assert.IsType<BookLine>(file.Market[1]);
        Assert.False(update.ReplacesSides);
        Assert.Null(update.Bids);
        Assert.Equal(1_500_000, update.TimeNs);
        Assert.Equal(0m, update.Asks!.Value[0].Size.Value);
        var trade = Assert.IsType<TradeLine>(file.Market[2]);
        Assert.Equal((false, 200m, 100.01m, 2_000_000_000L), (trade.BuyerAggressor, trade.Size.Value, trade.Price.Value, trade.TimeNs));
        Assert.True(Assert.IsType<StatusLine>(file.Market[3]).Halted);
        Assert.Equal(60_000_000_000, Assert.IsType<StatusLine>(file.Market[4]).TimeNs);

        Assert.Equal(6, file.Expectations.Length);
        var buy = file.Expectations[0];
        Assert.Equal((ActionKind.Buy, 100m, (Written?)null, "long"), (buy.Action!.Kind, buy.Action.Quantity!.Value.Value, buy.Action.Limit, buy.Decision));
        var sell = file.Expectations[1].Action!;
        Assert.Equal(100.05m, sell.Limit!.Value.Value);
        Assert.Equal(new WrittenSlicer(SliceAlgorithm.Twap, 2_000_000_000, 4), sell.Slicer);
        Assert.Equal((ActionKind.Flatten, 5_000_000_000L), (file.Expectations[2].Action!.Kind, file.Expectations[2].Action!.StandAsideNs));
        Assert.Equal(ActionKind.Wait, file.Expectations[3].Action!.Kind);
        Assert.Null(file.Expectations[4].Action);
        Assert.Equal((ActionKind.Kill, "circuit_breaker"), (file.Expectations[5].Action!.Kind, file.Expectations[5].Decision));
    }

    [Fact]
    public void A_bom_crlf_line_ends_and_a_last_line_without_newline_are_fine()
    {
        var file = Parse("\uFEFFat 0ms book bid 1.00x1 ask 1.01x1\r\nexpect at 0ms nothing");
        Assert.Single(file.Market);
        Assert.Single(file.Expectations);
    }

    [Theory]
    [InlineData("frobnicate", "t.scn:1:1: error: expected 'strategy', 'param', 'capital', 'allow', 'at' or 'expect', found 'frobnicate'")]
    [InlineData("at 2ms bok bid 1x1", "t.scn:1:8: error: expected 'book', 'update', 'trade', 'halt' or 'resume', found 'bok'")]
    [InlineData("at 2 book bid 1x1", "t.scn:1:5: error: expected a time unit (ns, us, ms, s or min) right after the number, found a space")]
    [InlineData("at 2sec halt", "t.scn:1:5: error: expected a time unit (ns, us, ms, s or min) right after the number, found 'sec'")]
    [InlineData("at 0.5ns halt", "t.scn:1:4: error: 0.5ns is not a whole number of nanoseconds")]
    [InlineData("at ms halt", "t.scn:1:4: error: expected a time such as 0ms, 250us or 1.5s, found 'ms'")]
    [InlineData("at 0ms book bid 100.00x500 100.00 x", "t.scn:1:36: error: expected a number, found end of line")]
    [InlineData("at 0ms book bid 100.00x500 100. x 1", "t.scn:1:32: error: expected a digit, found a space")]
    [InlineData("at 0ms book ask 1x1 bid 1x1", "t.scn:1:21: error: expected end of line, found 'bid'")]
    [InlineData("at 0ms book", "t.scn:1:12: error: expected 'bid' or 'ask', found end of line")]
    [InlineData("at 0ms trade buy 200 100.01", "t.scn:1:22: error: expected '@', found '100.01'")]
    [InlineData("at 0ms halt now", "t.scn:1:13: error: expected end of line, found 'now'")]
    [InlineData("expect at 2ms byu 100 market", "t.scn:1:15: error: expected 'buy', 'sell', 'flatten', 'cancel_all', 'wait', 'hold', 'kill' or 'nothing', found 'byu'")]
    [InlineData("expect at 2ms buy 100", "t.scn:1:22: error: expected 'market' or 'at', found end of line")]
    [InlineData("expect at 2ms buy 100 market via twap over 2s slices 0", "t.scn:1:54: error: 0 is not a whole number from 1 to 1000000")]
    [InlineData("expect at 2ms flatten then 5s", "t.scn:1:28: error: expected 'wait', found '5s'")]
    [InlineData("expect at 2ms nothing by long", "t.scn:1:11: error: 'expect at T nothing' takes no 'by DECISION'")]
    [InlineData("expect 2ms buy 1 market", "t.scn:1:8: error: expected 'at', found '2ms'")]
    [InlineData("param threshold 0.7", "t.scn:1:17: error: expected '=', found '0.7'")]
    [InlineData("allow other", "t.scn:1:12: error: expected 'actions', found end of line")]
    public void A_bad_line_names_its_line_column_and_what_was_expected(string line, string error)
    {
        var (file, errors) = ScenarioParser.Parse("// header comment\n" + line + "\n", "t.scn");
        Assert.Null(file);
        Assert.Equal(error.Replace("t.scn:1:", "t.scn:2:", StringComparison.Ordinal), Assert.Single(errors).ToString());
    }

    [Fact]
    public void Every_bad_line_is_reported_and_time_must_not_go_back()
    {
        var (_, errors) = ScenarioParser.Parse("at 5ms halt\nat 4ms resume\nbogus\nat 6ms halt\nexpect at\n", "t.scn");
        Assert.Equal([
            "t.scn:2:4: error: market lines must be in time order: 4ms comes after 5ms (line 1)",
            "t.scn:3:1: error: expected 'strategy', 'param', 'capital', 'allow', 'at' or 'expect', found 'bogus'",
            "t.scn:5:10: error: expected a time such as 0ms, 250us or 1.5s, found end of line",
        ], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Errors_stop_at_twenty()
    {
        var (_, errors) = ScenarioParser.Parse(string.Concat(Enumerable.Repeat("nonsense\n", 50)), "t.scn");
        Assert.Equal(ScenarioParser.MaxErrors, errors.Length);
    }
}
