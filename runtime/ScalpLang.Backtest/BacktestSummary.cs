using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalpLang.Backtest;

/// <summary>
/// The run summary of DESIGN.md §6. Money is in the instrument's currency (tick-lots x tick size x
/// lot size). Sharpe is per round trip (mean / standard deviation of round-trip P&amp;L, not
/// annualised); edge ratio is the realised p_win x avg_gain - p_loss x avg_loss - fees per round trip.
/// </summary>
public sealed record BacktestSummary(
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
            if (includeTiming)
            {
                json.WriteNumber("elapsed_ms", ElapsedMs);
                json.WriteNumber("events_per_second", EventsPerSecond);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Money to 8 decimals: exact tick arithmetic yields long binary fractions of a cent.</summary>
    private static decimal Round(decimal value) => Math.Round(value, 8, MidpointRounding.ToEven);

    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Row(string name, string value) => sb.Append(c, $"  {name,-18} {value}\n");
        sb.Append(c, $"{Strategy}\n");
        Row("events", Events.ToString("N0", c));
        Row("orders", $"{Orders.ToString("N0", c)} ({Denied.ToString("N0", c)} denied)");
        Row("fills", Fills.ToString("N0", c));
        Row("round trips", RoundTrips.ToString("N0", c));
        Row("gross P&L", GrossPnl.ToString("N2", c));
        Row("fees", Fees.ToString("N2", c));
        Row("net P&L", NetPnl.ToString("N2", c));
        Row("win rate", WinRate.ToString("P1", c));
        Row("max drawdown", MaxDrawdown.ToString("N2", c));
        Row("Sharpe (per trip)", Sharpe.ToString("0.###", c));
        Row("edge per trip", EdgeRatio.ToString("N4", c));
        Row("kill switch", KillSwitchEngaged ? $"engaged at {KilledAt} ({KillReason})" : "not engaged");
        Row("elapsed", $"{ElapsedMs.ToString("N0", c)} ms ({EventsPerSecond.ToString("N0", c)} events/s)");
        return sb.ToString();
    }
}
