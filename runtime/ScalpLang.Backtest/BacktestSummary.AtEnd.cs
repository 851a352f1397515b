using System.Globalization;
using System.Text.Json;

namespace ScalpLang.Backtest;

/// <summary>
/// <see cref="EndOfData"/> in the instrument's currency: the position's mark (the last mid;
/// null without a two-sided book) and open P&amp;L there, which the realised gross and net
/// P&amp;L leave out.
/// </summary>
public sealed record EndSummary(long Position, decimal? Mark, decimal OpenPnl, int RestingOrders, long RestingLots,
    int InFlightOrders, int LateFills, int UnseenEvents)
{
    public static EndSummary From(EndOfData end, decimal tickSize, decimal tickValue)
    {
        decimal? mark = end.MarkQ16 is { } m ? m / (decimal)Runtime.Abi.Q.One * tickSize : null;
        return new EndSummary(end.Position, mark, end.OpenPnlQ16 / (decimal)Runtime.Abi.Q.One * tickValue, end.RestingOrders,
            end.RestingLots, end.InFlightOrders, end.LateFills, end.UnseenEvents);
    }
}

public sealed partial record BacktestSummary
{
    /// <summary>What was open when the data ended; null for a summary built without a run.</summary>
    public EndSummary? AtEnd { get; init; }

    /// <summary><c>at_end</c>: after the §6 and report fields, before timing.</summary>
    internal void WriteAtEnd(Utf8JsonWriter json)
    {
        if (AtEnd is not { } end)
            return;
        json.WriteStartObject("at_end");
        json.WriteNumber("position", end.Position);
        if (end.Mark is { } mark)
            json.WriteNumber("mark", Round(mark));
        else
            json.WriteNull("mark");
        json.WriteNumber("open_pnl", Round(end.OpenPnl));
        json.WriteNumber("resting_orders", end.RestingOrders);
        json.WriteNumber("resting_lots", end.RestingLots);
        json.WriteNumber("in_flight_orders", end.InFlightOrders);
        json.WriteNumber("late_fills", end.LateFills);
        json.WriteNumber("unseen_events", end.UnseenEvents);
        json.WriteEndObject();
    }

    /// <summary>The table's row for <see cref="AtEnd"/>: "position 2 at 100.005 (open P&amp;L 0.01); 1 resting order (3 lots) cancelled, ...".</summary>
    internal (string Name, string Value)? AtEndRow()
    {
        if (AtEnd is not { } end)
            return null;
        var c = CultureInfo.InvariantCulture;
        var position = end.Position == 0 ? "flat"
            : end.Mark is { } mark ? $"position {end.Position.ToString("N0", c)} at {mark.ToString("0.########", c)} (open P&L {end.OpenPnl.ToString("N2", c)})"
            : $"position {end.Position.ToString("N0", c)} (no mid to mark it)";
        return ("at data end", $"{position}; {end.RestingOrders.ToString("N0", c)} resting ({end.RestingLots.ToString("N0", c)} lots) cancelled, "
            + $"{end.InFlightOrders.ToString("N0", c)} in flight, {end.LateFills.ToString("N0", c)} late fills, {end.UnseenEvents.ToString("N0", c)} unseen events");
    }
}
