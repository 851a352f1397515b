using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Tests.Infrastructure;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Tests;

/// <summary>Syntax errors recover per declaration: N independent mistakes, N errors.</summary>
public sealed class ParserRecoveryTests
{
    private const string Valid = """
        strategy T
        instrument "X" tick 0.01 lot 1 currency USD
        param size: lots = 1 in 1..5
        signal imb = imbalance(levels: 3)
        rule long priority 2 when imb > 0.6 and spread <= 1 tick => buy size at market
        rule short priority 1 when imb < -0.6 => sell size at ask - 1 tick
        exit take_profit 2 ticks
        risk max_orders 10 per 1s
        risk breaker when losses_in_a_row >= 3 => kill

        """;

    [Fact]
    public void The_valid_file_is_valid()
    {
        var program = Checker.CheckText(Valid);
        Assert.True(program.Diagnostics.IsEmpty, Checker.Render(program));
    }

    [Theory]
    [InlineData("in 1..5", "in 1..", "imbalance(levels: 3)", "imbalance(levels: 3) >", "buy size at market", "buy size at")]
    [InlineData("size: lots", "size lots", "when imb < -0.6", "when imb < < -0.6", "per 1s", "per")]
    [InlineData("signal imb", "signal 3imb", "priority 2", "priority", "take_profit 2 ticks", "take_profit 2 ticks ticks")]
    public void Three_independent_mistakes_give_three_errors(string a, string a2, string b, string b2, string c, string c2)
    {
        var text = Valid.Replace(a, a2).Replace(b, b2).Replace(c, c2);
        var program = Checker.CheckText(text);
        var errors = program.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 3, Checker.Render(program));
        Assert.Equal(3, errors.Select(e => e.Location.Start.Line).Distinct().Count());
    }

    [Fact]
    public void Parser_never_throws_on_pathological_nesting()
    {
        var deep = Valid.Replace("imb > 0.6", new string('(', 20_000) + "imb > 0.6" + new string(')', 20_000));
        var program = Checker.CheckText(deep);
        Assert.Contains(program.Diagnostics, d => d.Code == "SL1009");
        var unary = Valid.Replace("imb > 0.6", string.Concat(Enumerable.Repeat("not ", 20_000)) + "imb > 0.6");
        Assert.Contains(Checker.CheckText(unary).Diagnostics, d => d.Code == "SL1009");
        var chain = Valid.Replace("imb > 0.6", string.Join(" + ", Enumerable.Repeat("imb", 50_000)) + " > 0.6");
        Assert.DoesNotContain(Checker.CheckText(chain).Diagnostics, d => d.IsError && d.Code != "SL1009");
    }

    [Fact]
    public void Ast_spans_point_at_their_text()
    {
        var tree = Parser.Parse(SourceText.From(Valid));
        var rule = tree.Root.Declarations.OfType<RuleSyntax>().First();
        Assert.Equal("long", tree.Source.ToString(rule.Name.Span));
        Assert.Equal("imb > 0.6 and spread <= 1 tick", tree.Source.ToString(rule.Condition.Span));
        var trade = Assert.IsType<TradeActionSyntax>(rule.Action);
        Assert.Equal("buy size at market", tree.Source.ToString(trade.Span));
        Assert.Null(trade.LimitPrice);
    }
}
