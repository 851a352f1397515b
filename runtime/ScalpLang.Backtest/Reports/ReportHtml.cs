using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace ScalpLang.Backtest.Reports;

/// <summary>
/// The report as one self-contained HTML file: plotly.js (from the Plotly.NET package) is embedded,
/// so opening it needs no network. Deterministic: no clock, no random ids; the same run gives the
/// same bytes. Timing (elapsed, events/s) is left out for that reason.
/// </summary>
public static class ReportHtml
{
    /// <summary>Round trips listed in the table (the count of all of them is given).</summary>
    public const int MaxTripRows = 100;

    /// <summary>The element ids of the charts, in page order.</summary>
    public static readonly string[] ChartIds = ["equity", "drawdown", "fills", "markouts"];

    public static string Render(BacktestReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var name = HtmlEncode(report.Summary.Strategy);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append(c, $"<title>Backtest report: {name}</title>\n<style>{Style}</style>\n");
        sb.Append("<script>\n").Append(PlotlyJs.Source).Append("\n</script>\n</head>\n<body>\n");
        sb.Append(c, $"<h1>Backtest report: {name}</h1>\n");
        sb.Append(c, $"<p class=\"span\">{report.Summary.Events.ToString("N0", c)} events, {Time(report.FirstTs)} to {Time(report.LastTs)} UTC; money in the instrument's currency, prices in currency per unit.</p>\n");
        Summary(sb, report);
        Chart(sb, "equity", "Equity");
        Chart(sb, "drawdown", "Drawdown");
        Chart(sb, "fills", "Fills over the mid price");
        if (report.Fills.Count > ReportCharts.MaxDrawnFills)
            sb.Append(c, $"<p class=\"note\">{ReportCharts.MaxDrawnFills.ToString("N0", c)} of {report.Fills.Count.ToString("N0", c)} fills drawn, evenly spaced.</p>\n");
        Chart(sb, "markouts", "Markout profile");
        sb.Append("<p class=\"note\">Average mid-price move after each fill at the first event at or after the horizon, in ticks, signed so that positive is good for us.");
        foreach (var m in report.Markouts.Where(m => m.Unresolved > 0))
            sb.Append(c, $" {m.Unresolved.ToString("N0", c)} fills have no {ReportText.Horizon(m.HorizonNs)} markout: the data ends before it.");
        sb.Append("</p>\n");
        Trips(sb, report);
        Kills(sb, report);
        Scripts(sb, report);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Summary(StringBuilder sb, BacktestReport report)
    {
        sb.Append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        foreach (var (name, value) in report.Rows())
            sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{HtmlEncode(name)}</th><td>{HtmlEncode(value)}</td></tr>\n");
        sb.Append("</table>\n");
    }

    private static void Chart(StringBuilder sb, string id, string title) =>
        sb.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2>\n<div id=\"{id}\" class=\"chart\"></div>\n");

    private static void Trips(StringBuilder sb, BacktestReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var shown = Math.Min(report.Trips.Count, MaxTripRows);
        sb.Append(c, $"<h2>Round trips</h2>\n<p id=\"trip-count\">{report.Trips.Count.ToString("N0", c)} round trips");
        sb.Append(shown < report.Trips.Count ? $"; the first {shown} are listed.</p>\n" : ".</p>\n");
        if (shown == 0)
            return;
        sb.Append("<table class=\"trips\">\n<tr><th>#</th><th>opened (UTC)</th><th>closed (UTC)</th><th>lots</th><th>ticks per lot</th><th>P&amp;L</th></tr>\n");
        for (var i = 0; i < shown; i++)
        {
            var t = report.Trips[i];
            sb.Append(c, $"<tr><td>{i + 1}</td><td>{Time(t.OpenedAt)}</td><td>{Time(t.ClosedAt)}</td><td>{t.Lots}</td>");
            sb.Append(c, $"<td>{t.Ticks.ToString("0.##", c)}</td><td>{report.Money(t.PnlQ16).ToString("N2", c)}</td></tr>\n");
        }
        sb.Append("</table>\n");
    }

    private static void Kills(StringBuilder sb, BacktestReport report)
    {
        sb.Append("<h2>Kill switch</h2>\n");
        if (report.Kills.Count == 0)
        {
            sb.Append("<p>Not engaged.</p>\n");
            return;
        }
        sb.Append("<ul>\n");
        foreach (var kill in report.Kills)
            sb.Append(CultureInfo.InvariantCulture, $"<li>{Time(kill.Ts)} UTC: {HtmlEncode(kill.Reason)}</li>\n");
        sb.Append("</ul>\n");
    }

    private static void Scripts(StringBuilder sb, BacktestReport report)
    {
        string[] figures = [ReportCharts.Equity(report), ReportCharts.Drawdown(report), ReportCharts.Fills(report), ReportCharts.Markouts(report)];
        sb.Append("<script>\nconst figures = {\n");
        for (var i = 0; i < figures.Length; i++)
            sb.Append(CultureInfo.InvariantCulture, $"\"{ChartIds[i]}\": {PlotlyJs.EscapeJson(figures[i])},\n");
        sb.Append("""
            };
            for (const [id, figure] of Object.entries(figures)) {
              const layout = Object.assign(figure.layout, { height: 320, margin: { l: 70, r: 20, t: 10, b: 45 }, showlegend: id === "fills" });
              Plotly.newPlot(id, figure.data, layout, { displaylogo: false, responsive: true });
            }
            </script>

            """);
    }

    /// <summary>Unix nanoseconds as UTC "yyyy-MM-dd HH:mm:ss.fff".</summary>
    private static string Time(long ns) =>
        DateTime.UnixEpoch.AddTicks(ns / 100).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}" +
        "table{border-collapse:collapse;margin:.5em 0}th,td{padding:2px 10px;text-align:left;border-bottom:1px solid #ddd}" +
        "table.trips td{text-align:right;font-variant-numeric:tabular-nums}.chart{width:100%;min-height:320px}" +
        ".note,.span{color:#555;font-size:90%}";
}
