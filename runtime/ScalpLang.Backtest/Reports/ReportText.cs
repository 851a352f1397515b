using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalpLang.Backtest.Reports;

/// <summary>The report as JSON (the §6 fields, then the report's, then timing) and as a table.</summary>
public static class ReportText
{
    public static string ToJson(this BacktestReport report, bool includeTiming = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            report.Summary.WriteFields(json);
            json.WriteNumber("avg_win_ticks", BacktestSummary.Round(report.AvgWinTicks));
            json.WriteNumber("avg_loss_ticks", BacktestSummary.Round(report.AvgLossTicks));
            json.WriteNumber("turnover", BacktestSummary.Round(report.Turnover));
            json.WriteNumber("turnover_lots", report.TurnoverLots);
            json.WriteNumber("time_in_market", Math.Round(report.TimeInMarket, 6));
            json.WriteStartArray("markouts");
            foreach (var m in report.Markouts)
            {
                json.WriteStartObject();
                json.WriteNumber("horizon_ms", m.HorizonNs / 1_000_000);
                json.WriteNumber("fills", m.Fills);
                json.WriteNumber("unresolved", m.Unresolved);
                if (m.AverageTicks is { } average)
                    json.WriteNumber("avg_ticks", BacktestSummary.Round(average));
                else
                    json.WriteNull("avg_ticks");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("kill_events");
            foreach (var kill in report.Kills)
            {
                json.WriteStartObject();
                json.WriteNumber("at", kill.Ts);
                json.WriteString("reason", kill.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            report.Summary.WriteAtEnd(json);
            if (includeTiming)
                report.Summary.WriteTiming(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ToTable(this BacktestReport report, bool includeTiming = true)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{report.Summary.Strategy}\n");
        foreach (var (name, value) in report.Rows())
            BacktestSummary.Row(sb, name, value);
        if (includeTiming)
            report.Summary.AppendTiming(sb);
        return sb.ToString();
    }

    /// <summary>The summary's rows, then the report's (the table and the HTML show these).</summary>
    public static IEnumerable<(string Name, string Value)> Rows(this BacktestReport report)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var row in report.Summary.Rows())
            yield return row;
        yield return ("avg win / loss", $"{report.AvgWinTicks.ToString("0.##", c)} / {report.AvgLossTicks.ToString("0.##", c)} ticks per lot");
        yield return ("turnover", $"{report.Turnover.ToString("N2", c)} ({report.TurnoverLots.ToString("N0", c)} lots)");
        yield return ("time in market", report.TimeInMarket.ToString("P1", c));
        foreach (var m in report.Markouts)
            yield return ($"markout {Horizon(m.HorizonNs)}", Markout(m));
        if (report.Kills.Count > 1)
            yield return ("kill events", report.Kills.Count.ToString(c));
    }

    /// <summary>100 ms, 1 s, 5 s.</summary>
    public static string Horizon(long ns) =>
        ns % 1_000_000_000 == 0 ? $"{ns / 1_000_000_000} s" : ns % 1_000_000 == 0 ? $"{ns / 1_000_000} ms" : $"{ns} ns";

    /// <summary>"+0.25 ticks (120 fills, 3 past the data end)".</summary>
    public static string Markout(MarkoutStat m)
    {
        var c = CultureInfo.InvariantCulture;
        var value = m.AverageTicks is { } average ? $"{average.ToString("+0.###;-0.###;0", c)} ticks" : "n/a";
        var past = m.Unresolved == 0 ? "" : $", {m.Unresolved.ToString("N0", c)} past the data end";
        return $"{value} ({m.Fills.ToString("N0", c)} fills{past})";
    }
}
