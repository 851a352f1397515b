using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// The metadata says how many book levels a strategy's depth inputs read, so the host totals no
/// more (MarketViewBuilder): the deepest bid_depth/ask_depth/avg_depth, through the formulas that
/// lower to them, and the whole book depth for a <c>levels:</c> param.
/// </summary>
public sealed class DepthLevelsReadTests
{
    [Theory]
    [InlineData("imbalance_scalper.scalp", 5)]        // imbalance(levels: 5)
    [InlineData("passive_market_maker.scalp", 5)]     // depth(levels: 5), avg_depth(levels: 5)
    [InlineData("spread_breakout.scalp", 1)]          // microprice reads the touch sizes
    [InlineData("spoofing_aware_momentum.scalp", 0)]  // best prices only
    public void Examples(string file, int expected)
    {
        var path = Path.Combine(IlBackendTests.Root, "examples", file);
        Assert.Equal(expected, Metadata(File.ReadAllText(path)).LevelsRead);
    }

    [Fact]
    public void A_levels_param_may_reach_the_book_depth()
    {
        var metadata = Metadata("""
            strategy P
            instrument "X" tick 0.01 lot 1 currency USD
            book depth 7
            param n: count = 2 in 1..7
            signal imb = imbalance(levels: n)
            rule r priority 1 when imb > 0.5 => buy 1 lots at market
            """);
        Assert.Equal(7, metadata.LevelsRead);
    }

    [Fact]
    public void Metadata_without_the_field_reads_as_the_book_depth()
    {
        var json = Metadata("""
            strategy Q
            instrument "X" tick 0.01 lot 1 currency USD
            book depth 4
            rule r priority 1 when spread > 2 ticks => buy 1 lots at market
            """).ToJson().Replace("\"depthLevelsRead\":0,", "").Replace(",\"depthLevelsRead\":0", "");
        Assert.DoesNotContain("depthLevelsRead", json);
        Assert.Equal(4, StrategyMetadata.FromJson(json).LevelsRead);
    }

    private static StrategyMetadata Metadata(string source)
    {
        var checkedProgram = FrontEnd.Check(SourceText.From(source, "t.scalp"));
        Assert.False(checkedProgram.HasErrors, string.Join("\n", checkedProgram.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(checkedProgram.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        return strategy.Metadata;
    }
}
