using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalpLang.Backtest;

/// <summary>
/// The run summary of DESIGN.md §6. Money is in the instrument's currency (tick-lots x tick size x
/// lot size). Sharpe is per round trip (mean / standard deviation of round-trip P&amp;L, not
/// annualised); edge ratio is the realised p_win x avg_gain - p_loss x avg_loss - fees per round trip.
/// </summary>
public sealed partial record BacktestSummary(
    string Strategy,
    long Events,
    long Orders,
    long Denied,
    long Fills,
    int RoundTrips,
    decimal GrossPnl,
    decimal Fees,
    decimal NetPnl,
    double WinRate,
    decimal MaxDrawdown,
    double Sharpe,
    decimal EdgeRatio,
    bool KillSwitchEngaged,
    long? KilledAt,
    string? KillReason,
    long ElapsedMs,
    long EventsPerSecond)
{
    public string ToJson(bool includeTiming = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            WriteFields(json);
            WriteAtEnd(json);
            if (includeTiming)
                WriteTiming(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The §6 fields without the timing ones (a report adds its own after them).</summary>
    internal void WriteFields(Utf8JsonWriter json)
    {
        json.WriteString("strategy", Strategy);
        json.WriteNumber("events", Events);
        json.WriteNumber("orders", Orders);
        json.WriteNumber("denied", Denied);
        json.WriteNumber("fills", Fills);
        json.WriteNumber("round_trips", RoundTrips);
        json.WriteNumber("gross_pnl", Round(GrossPnl));
        json.WriteNumber("fees", Round(Fees));
        json.WriteNumber("net_pnl", Round(NetPnl));
        json.WriteNumber("win_rate", Math.Round(WinRate, 6));
        json.WriteNumber("max_drawdown", Round(MaxDrawdown));
        json.WriteNumber("sharpe", Math.Round(Sharpe, 6));
        json.WriteNumber("edge_ratio", Round(EdgeRatio));
        json.WriteStartObject("kill_switch");
        json.WriteBoolean("engaged", KillSwitchEngaged);
        if (KilledAt is { } at)
            json.WriteNumber("at", at);
        else
            json.WriteNull("at");
        if (KillReason is { } reason)
            json.WriteString("reason", reason);
        else
            json.WriteNull("reason");
        json.WriteEndObject();
    }

    internal void WriteTiming(Utf8JsonWriter json)
    {
        json.WriteNumber("elapsed_ms", ElapsedMs);
        json.WriteNumber("events_per_second", EventsPerSecond);
    }

    /// <summary>Money to 8 decimals: exact tick arithmetic yields long binary fractions of a cent.</summary>
    internal static decimal Round(decimal value) => Math.Round(value, 8, MidpointRounding.ToEven);

    public string ToTable()
    {
        var sb = new StringBuilder();
        AppendRows(sb);
        AppendTiming(sb);
        return sb.ToString();
    }

    internal static void Row(StringBuilder sb, string name, string value) => sb.Append(CultureInfo.InvariantCulture, $"  {name,-18} {value}\n");

    /// <summary>The strategy's name and every row but the timing one.</summary>
    internal void AppendRows(StringBuilder sb)
    {
        sb.Append(CultureInfo.InvariantCulture, $"{Strategy}\n");
        foreach (var (name, value) in Rows())
            Row(sb, name, value);
    }

    /// <summary>The table's rows (name, value) without the timing one.</summary>
    internal IEnumerable<(string Name, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("events", Events.ToString("N0", c));
        yield return ("orders", $"{Orders.ToString("N0", c)} ({Denied.ToString("N0", c)} denied)");
        yield return ("fills", Fills.ToString("N0", c));
        yield return ("round trips", RoundTrips.ToString("N0", c));
        yield return ("gross P&L", GrossPnl.ToString("N2", c));
        yield return ("fees", Fees.ToString("N2", c));
        yield return ("net P&L", NetPnl.ToString("N2", c));
        yield return ("win rate", WinRate.ToString("P1", c));
        yield return ("max drawdown", MaxDrawdown.ToString("N2", c));
        yield return ("Sharpe (per trip)", Sharpe.ToString("0.###", c));
        yield return ("edge per trip", EdgeRatio.ToString("N4", c));
        yield return ("kill switch", KillSwitchEngaged ? $"engaged at {KilledAt} ({KillReason})" : "not engaged");
        if (AtEndRow() is { } atEnd)
            yield return atEnd;
    }

    internal void AppendTiming(StringBuilder sb)
    {
        var c = CultureInfo.InvariantCulture;
        Row(sb, "elapsed", $"{ElapsedMs.ToString("N0", c)} ms ({EventsPerSecond.ToString("N0", c)} events/s)");
    }
}
