using ScalpLang.Backtest.Reports;

namespace ScalpLang.Scripting.Tests;

/// <summary>The Scalp facade of research scripts: fresh runs, sweeps in order, and errors as ScalpException.</summary>
public sealed class ScalpFacadeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Strategy = """
        strategy Facade
        instrument "XYZ" tick 0.01 lot 1 currency USD
        param lean: ratio = 0.2 in 0.05..0.9
        rule r priority 1 when spread <= 2 ticks and imbalance(levels: 1) > lean => buy 1 lot at market
        exit take_profit 1 tick
        exit stop_loss 1 tick
        """;

    private const string Data = "synthetic:seed=5,events=20000";

    [Fact]
    public void A_compiled_strategy_backtests_again_from_a_fresh_instance()
    {
        var strategy = Scalp.Compile(_folder.Write("s.scalp", Strategy));
        Assert.Equal("Facade", strategy.Name);
        Assert.Equal("lean", Assert.Single(strategy.Parameters).Name);
        var strict = Scalp.Backtest(strategy, Data, "lean=0.8");
        var first = Scalp.Backtest(strategy, Data);
        var again = Scalp.Backtest(strategy, Data);
        // The override of one run does not leak into the next.
        Assert.Equal(first.ToJson(includeTiming: false), again.ToJson(includeTiming: false));
        Assert.True(first.Summary.Orders > strict.Summary.Orders, $"{first.Summary.Orders} vs {strict.Summary.Orders}");
        Assert.Equal(20_000, first.Summary.Events);
    }

    [Fact]
    public void A_sweep_runs_its_values_in_order_each_equal_to_a_single_backtest()
    {
        var path = _folder.Write("s.scalp", Strategy);
        var points = Scalp.Sweep(path, Data, "lean", "0.1", "0.5");
        Assert.Equal(["0.1", "0.5"], points.Select(p => p.Value));
        Assert.Equal(Scalp.Backtest(path, Data, "lean=0.5").ToJson(includeTiming: false), points[1].Report.ToJson(includeTiming: false));
    }

    [Fact]
    public void Errors_are_ScalpExceptions_with_the_message_scalp_would_print()
    {
        var broken = _folder.Write("broken.scalp", Strategy.Replace("imbalance", "imbalanse", StringComparison.Ordinal));
        var compile = Assert.Throws<ScalpException>(() => Scalp.Compile(broken));
        Assert.Contains("error SL2001: 'imbalanse' is not defined", compile.Message);
        var path = _folder.Write("s.scalp", Strategy);
        Assert.Contains("no parameter 'size'", Assert.Throws<ScalpException>(() => Scalp.Backtest(path, Data, "size=2")).Message);
        Assert.Contains("outside the declared range", Assert.Throws<ScalpException>(() => Scalp.Backtest(path, Data, "lean=0.95")).Message);
        Assert.Contains("data nasdaq:x", Assert.Throws<ScalpException>(() => Scalp.Backtest(path, "nasdaq:x")).Message);
        Assert.Contains("no such file", Assert.Throws<ScalpException>(() => Scalp.Compile(Path.Combine(_folder.Path, "none.scalp"))).Message);
    }

    [Fact]
    public void Values_are_read_as_the_language_reads_literals()
    {
        Assert.Equal(39322, Scalp.Raw("ratio", "0.6"));
        Assert.Equal(500_000_000, Scalp.Raw("duration", "500ms"));
        Assert.Throws<ScalpException>(() => Scalp.Raw("duration", "500"));
    }
}
