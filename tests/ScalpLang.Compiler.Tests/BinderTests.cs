using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>What the binder builds: folding, units of bare numbers, defaults, ordering, imports.</summary>
public sealed class BinderTests
{
    private const string Header = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n";
    private const string Buy = "rule enter priority 1 when s > 0 => buy 1 lot at market\n";

    private static BoundStrategy Bind(string body)
    {
        var program = Checker.CheckText(Header + body);
        Assert.False(program.HasErrors, Checker.Render(program));
        return program.Strategy!;
    }

    private static BoundExpression Signal(BoundStrategy s, string name) => s.Signals.Single(x => x.Symbol.Name == name).Value;

    [Fact]
    public void Constant_literals_fold_with_fixed_point_semantics()
    {
        var s = Bind("signal s = 1 - 0.42 + 0.1 * 3\n" + Buy);
        var literal = Assert.IsType<BoundLiteral>(Signal(s, "s"));
        var expected = Fixed.Add(Fixed.Subtract(Fixed.One, new Fixed(27525)), Fixed.Multiply(new Fixed(6554), Fixed.FromInteger(3)));
        Assert.Equal(expected.Raw, literal.Raw);
        Assert.Equal(ScalpType.Ratio, literal.Type);
    }

    [Fact]
    public void A_bare_number_beside_a_price_is_ticks()
    {
        var s = Bind("signal s = bid + 2 - ask\n" + Buy);
        var sum = Assert.IsType<BoundBinary>(Assert.IsType<BoundBinary>(Signal(s, "s")).Left);
        var two = Assert.IsType<BoundLiteral>(sum.Right);
        Assert.Equal(ScalpType.Ticks, two.Type);
        Assert.Equal(2 * Fixed.OneRaw, two.Raw);
        Assert.Equal(ScalpType.Ticks, Signal(s, "s").Type); // price - price
    }

    [Fact]
    public void Durations_are_whole_nanoseconds()
    {
        var s = Bind("signal s = trade_volume(window: 1.5s) / 1 lot\n" + Buy);
        var call = Assert.IsType<BoundIntrinsicCall>(Assert.IsType<BoundBinary>(Signal(s, "s")).Left);
        Assert.Equal(1_500_000_000, Assert.IsType<BoundLiteral>(call.Arguments[0]).Raw);
    }

    [Fact]
    public void Edge_fills_p_loss_from_p_win()
    {
        var s = Bind("param p: ratio = 0.6\nsignal s = edge(p_win: p, gain: 2 ticks, loss: 1 tick)\n" + Buy);
        var call = Assert.IsType<BoundIntrinsicCall>(Signal(s, "s"));
        Assert.Equal(["p_win", "gain", "loss", "fees", "p_loss"], call.Intrinsic.Parameters.Select(p => p.Name));
        Assert.Equal(0, Assert.IsType<BoundLiteral>(call.Arguments[3]).Raw);
        var pLoss = Assert.IsType<BoundBinary>(call.Arguments[4]);
        Assert.Equal(BinaryOperator.Subtract, pLoss.Operator);
        Assert.Equal("p", Assert.IsType<BoundParamRef>(pLoss.Right).Param.Name);
    }

    [Fact]
    public void Generic_functions_take_the_unit_of_their_argument()
    {
        var s = Bind("signal s = ema(of: spread, window: 1s) - min(a: spread, b: 2)\n" + Buy);
        Assert.Equal(ScalpType.Ticks, Signal(s, "s").Type);
    }

    [Fact]
    public void Rules_are_ordered_by_descending_priority_and_signals_by_dependency()
    {
        var s = Bind("signal s = b + 1 tick\nsignal b = spread\n" +
                     "rule low priority 5 when s > 0 => buy 1 lot at market\nrule high priority 50 when s > 9 ticks => wait\n");
        Assert.Equal(["high", "low"], s.Rules.Select(r => r.Name));
        Assert.Equal(["b", "s"], s.Signals.Select(x => x.Symbol.Name));
    }

    [Fact]
    public void Params_keep_defaults_and_ranges()
    {
        var s = Bind("param size: lots = 2 in 1..5\nsignal s = size\n" + Buy);
        var p = Assert.Single(s.Params);
        Assert.Equal(2 * Fixed.OneRaw, p.Default.Raw);
        Assert.Equal(ScalpType.Lots, p.Default.Type);
        Assert.Equal(Fixed.OneRaw, p.Range!.Lower.Raw);
        Assert.Equal(5 * Fixed.OneRaw, p.Range.Upper.Raw);
    }

    [Fact]
    public void Risk_exits_and_executions_bind()
    {
        var s = Bind("signal s = spread\nexecution slow = vwap over 30s slices 6\n" +
                     "rule enter priority 1 when s > 0 => buy 6 lots at bid + 1 via slow\n" +
                     "exit stop_loss 1.5 * atr(window: 10s, bar: 1s)\nexit dry when depth() < 5 lots => flatten then wait 5s\n" +
                     "risk max_orders 10 per 1s\nrisk breaker when losses_in_a_row >= 3 => kill\n");
        var trade = Assert.IsType<BoundTradeAction>(Assert.Single(s.Rules).Action);
        Assert.Equal(SliceAlgorithm.Vwap, trade.Slicer!.Algorithm);
        Assert.Equal(ScalpType.Price, trade.LimitPrice!.Type);
        Assert.Equal(ExitKind.StopLoss, Assert.Single(s.Exits).Kind);
        Assert.IsType<BoundFlattenAction>(Assert.Single(s.ConditionalExits).Action);
        Assert.Equal(1_000_000_000, Assert.IsType<BoundLiteral>(Assert.Single(s.RiskLimits).Per).Raw);
        Assert.Equal("breaker", Assert.Single(s.CircuitBreakers).Name);
    }

    [Fact]
    public void Imports_merge_declarations()
    {
        var dir = Directory.CreateTempSubdirectory("scalp-import-").FullName;
        File.WriteAllText(Path.Combine(dir, "risk.scalp"), "param limit: lots = 3\nrisk max_position limit\n");
        File.WriteAllText(Path.Combine(dir, "main.scalp"), Header + "import \"risk.scalp\"\nsignal s = spread\n" + Buy);
        var program = Checker.CheckFile(Path.Combine(dir, "main.scalp"), dir);
        Assert.False(program.HasErrors, Checker.Render(program));
        Assert.Equal("limit", Assert.Single(program.Strategy!.Params).Symbol.Name);
        Assert.Equal(RiskLimitKind.MaxPosition, Assert.Single(program.Strategy.RiskLimits).Kind);
        Assert.Equal(2, program.Trees.Length);
    }

    [Fact]
    public void Stdlib_prelude_binds_every_intrinsic()
    {
        Assert.Contains("imbalance", Stdlib.Intrinsics.Keys);
        Assert.True(Stdlib.Intrinsics.Count >= 30);
        Assert.False(Stdlib.Intrinsics["spread"].IsFunction);
        Assert.True(Stdlib.Intrinsics["atr"].IsFunction);
    }
}
