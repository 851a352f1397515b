using ScalpLang.Backend.Il;
using ScalpLang.Backtest.Reports;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Tests.Reports;

/// <summary>Reports of real runs: consistent with the summary, and deterministic (JSON without timing, HTML byte for byte).</summary>
public sealed class ReportRunTests
{
    /// <summary>Buys a lot whenever the spread is one tick, flattens after 2 s: many fills and a few round trips.</summary>
    internal const string Busy = "strategy Busy\ninstrument \"X\" tick 0.01 lot 1 currency USD\n" +
                                 "rule r priority 1 when spread <= 1 => buy 1 lot at market\nexit time_stop 2s\n";

    internal static CompiledStrategy Compile(string text)
    {
        var program = FrontEnd.Check(SourceText.From(text, "busy.scalp"));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    internal static BacktestReport Run(string spec = "synthetic:seed=5,events=20000", int maxPoints = ReportRecorder.DefaultMaxPoints)
    {
        Assert.True(DataSpec.TryParse(spec, out var data, out _));
        var report = BacktestRunner.RunWithReport(Compile(Busy), data, out var error, maxPoints: maxPoints);
        Assert.Null(error);
        return report;
    }

    [Fact]
    public void A_report_agrees_with_its_summary_and_with_a_plain_run()
    {
        var report = Run(maxPoints: 500);
        var summary = report.Summary;
        Assert.True(summary.Fills > 100, $"only {summary.Fills} fills");
        Assert.True(summary.RoundTrips > 1, $"only {summary.RoundTrips} round trips");
        Assert.Equal(summary.Fills, report.Fills.Count);
        Assert.Equal(summary.RoundTrips, report.Trips.Count);
        Assert.All(report.Trips, t => Assert.True(t.Lots > 0));
        Assert.All(report.Markouts, m => Assert.Equal(summary.Fills, m.Fills + m.Unresolved));
        Assert.InRange(report.Series.Count, 2, 501);
        Assert.InRange(report.Money(report.Series.Max(p => p.DrawdownQ16)), 0, summary.MaxDrawdown); // sampled: at most the true one
        var unsampled = Run(maxPoints: 40_000);
        Assert.Equal(20_000, unsampled.Series.Count);
        Assert.Equal(summary.MaxDrawdown, unsampled.Money(unsampled.Series.Max(p => p.DrawdownQ16)));
        Assert.InRange(report.TimeInMarket, 0.01, 1);

        // The observer changes nothing: a plain run gives the same summary.
        Assert.True(DataSpec.TryParse("synthetic:seed=5,events=20000", out var data, out _));
        var plain = BacktestRunner.Run(Compile(Busy), data, out var error);
        Assert.Null(error);
        Assert.Equal(plain.ToJson(includeTiming: false), summary.ToJson(includeTiming: false));
    }

    [Fact]
    public void Same_seed_and_data_give_identical_json_and_html()
    {
        var first = Run();
        var second = Run();
        Assert.Equal(first.ToJson(includeTiming: false), second.ToJson(includeTiming: false));
        Assert.Equal(ReportHtml.Render(first), ReportHtml.Render(second));
        Assert.NotEqual(ReportHtml.Render(first), ReportHtml.Render(Run("synthetic:seed=6,events=20000")));
    }
}
