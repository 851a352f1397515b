using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace ScalpLang.Backtest.Reports;

/// <summary>
/// The report's charts as Plotly figures (JSON for plotly.js): equity, drawdown, fills over the
/// mid price and the markout profile. X axes are seconds from the first event.
/// </summary>
public static class ReportCharts
{
    /// <summary>At most this many fills are drawn (evenly spaced); the fill count is in the summary.</summary>
    public const int MaxDrawnFills = 5000;

    public static string Equity(BacktestReport report)
    {
        var (x, _) = Times(report);
        var y = report.Series.Select(p => (double)report.Money(p.EquityQ16)).ToArray();
        return Figure(Chart.Line<double, double, string>(x, y, Name: "equity", UseDefaults: false), "seconds", "equity");
    }

    public static string Drawdown(BacktestReport report)
    {
        var (x, _) = Times(report);
        var y = report.Series.Select(p => -(double)report.Money(p.DrawdownQ16)).ToArray();
        return Figure(Chart.Line<double, double, string>(x, y, Name: "drawdown", Fill: StyleParam.Fill.ToZero_y, LineColor: Color.fromString("#c0392b"),
            UseDefaults: false), "seconds", "drawdown");
    }

    public static string Fills(BacktestReport report)
    {
        var (x, t0) = Times(report);
        var withMid = report.Series.Select((p, i) => (p, i)).Where(e => e.p.MidQ16 != 0).ToArray();
        var mid = Chart.Line<double, double, string>(withMid.Select(e => x[e.i]), withMid.Select(e => (double)report.Price(e.p.MidQ16)),
            Name: "mid", LineColor: Color.fromString("#7f8c8d"), UseDefaults: false);
        var drawn = Drawn(report.Fills);
        GenericChart Side(Runtime.Model.Side side, string name, StyleParam.MarkerSymbol symbol, string color)
        {
            var fills = drawn.Where(f => f.Side == side).ToArray();
            return Chart.Point<double, double, string>(fills.Select(f => (f.Ts - t0) / 1e9), fills.Select(f => (double)(f.PriceTicks * report.TickSize)),
                Name: name, MarkerSymbol: symbol, MarkerColor: Color.fromString(color), UseDefaults: false);
        }
        var chart = Chart.Combine([mid, Side(Runtime.Model.Side.Buy, "buys", StyleParam.MarkerSymbol.TriangleUp, "#27ae60"),
            Side(Runtime.Model.Side.Sell, "sells", StyleParam.MarkerSymbol.TriangleDown, "#c0392b")]);
        return Figure(chart, "seconds", "price");
    }

    public static string Markouts(BacktestReport report)
    {
        var labels = report.Markouts.Select(m => ReportText.Horizon(m.HorizonNs)).ToArray();
        var values = report.Markouts.Select(m => (double)(m.AverageTicks ?? 0)).ToArray();
        var chart = Chart.Column<double, string, string>(values, Keys: labels, Name: "average markout", MarkerColor: Color.fromString("#2980b9"),
            UseDefaults: false);
        return Figure(chart, "horizon after the fill", "ticks (positive: good for us)");
    }

    /// <summary>The fills drawn: all of them, or <see cref="MaxDrawnFills"/> evenly spaced ones.</summary>
    public static IReadOnlyList<OwnFill> Drawn(IReadOnlyList<OwnFill> fills)
    {
        if (fills.Count <= MaxDrawnFills)
            return fills;
        var drawn = new OwnFill[MaxDrawnFills];
        for (var i = 0; i < drawn.Length; i++)
            drawn[i] = fills[(int)((long)i * fills.Count / MaxDrawnFills)];
        return drawn;
    }

    private static (double[] Seconds, long T0) Times(BacktestReport report) =>
        (report.Series.Select(p => (p.Ts - report.FirstTs) / 1e9).ToArray(), report.FirstTs);

    private static string Figure(GenericChart chart, string xTitle, string yTitle) =>
        GenericChart.toFigureJson(chart
            .WithXAxisStyle<double, double, string>(TitleText: xTitle, ZeroLine: false)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle));
}
