using ScalpLang.Backtest;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// <see cref="BacktestSummary"/> is the backtester's own record (no Orleans attributes there): it
/// travels as this surrogate, field for field, so a silo's numbers arrive bit-identical.
/// </summary>
[GenerateSerializer]
internal struct BacktestSummarySurrogate
{
    [Id(0)] public string Strategy;
    [Id(1)] public long Events;
    [Id(2)] public long Orders;
    [Id(3)] public long Denied;
    [Id(4)] public long Fills;
    [Id(5)] public int RoundTrips;
    [Id(6)] public decimal GrossPnl;
    [Id(7)] public decimal Fees;
    [Id(8)] public decimal NetPnl;
    [Id(9)] public double WinRate;
    [Id(10)] public decimal MaxDrawdown;
    [Id(11)] public double Sharpe;
    [Id(12)] public decimal EdgeRatio;
    [Id(13)] public bool KillSwitchEngaged;
    [Id(14)] public long? KilledAt;
    [Id(15)] public string? KillReason;
    [Id(16)] public long ElapsedMs;
    [Id(17)] public long EventsPerSecond;
    [Id(18)] public EndSummary? AtEnd;
}

[RegisterConverter]
internal sealed class BacktestSummaryConverter : IConverter<BacktestSummary, BacktestSummarySurrogate>
{
    public BacktestSummary ConvertFromSurrogate(in BacktestSummarySurrogate s) =>
        new(s.Strategy, s.Events, s.Orders, s.Denied, s.Fills, s.RoundTrips, s.GrossPnl, s.Fees, s.NetPnl, s.WinRate, s.MaxDrawdown,
            s.Sharpe, s.EdgeRatio, s.KillSwitchEngaged, s.KilledAt, s.KillReason, s.ElapsedMs, s.EventsPerSecond) { AtEnd = s.AtEnd };

    public BacktestSummarySurrogate ConvertToSurrogate(in BacktestSummary v) => new()
    {
        Strategy = v.Strategy, Events = v.Events, Orders = v.Orders, Denied = v.Denied, Fills = v.Fills, RoundTrips = v.RoundTrips,
        GrossPnl = v.GrossPnl, Fees = v.Fees, NetPnl = v.NetPnl, WinRate = v.WinRate, MaxDrawdown = v.MaxDrawdown, Sharpe = v.Sharpe,
        EdgeRatio = v.EdgeRatio, KillSwitchEngaged = v.KillSwitchEngaged, KilledAt = v.KilledAt, KillReason = v.KillReason,
        ElapsedMs = v.ElapsedMs, EventsPerSecond = v.EventsPerSecond, AtEnd = v.AtEnd,
    };
}

/// <summary><see cref="EndSummary"/> (what was open at the data's end) as a surrogate, like the summary.</summary>
[GenerateSerializer]
internal struct EndSummarySurrogate
{
    [Id(0)] public long Position;
    [Id(1)] public decimal? Mark;
    [Id(2)] public decimal OpenPnl;
    [Id(3)] public int RestingOrders;
    [Id(4)] public long RestingLots;
    [Id(5)] public int InFlightOrders;
    [Id(6)] public int LateFills;
    [Id(7)] public int UnseenEvents;
}

[RegisterConverter]
internal sealed class EndSummaryConverter : IConverter<EndSummary, EndSummarySurrogate>
{
    public EndSummary ConvertFromSurrogate(in EndSummarySurrogate s) =>
        new(s.Position, s.Mark, s.OpenPnl, s.RestingOrders, s.RestingLots, s.InFlightOrders, s.LateFills, s.UnseenEvents);

    public EndSummarySurrogate ConvertToSurrogate(in EndSummary v) => new()
    {
        Position = v.Position, Mark = v.Mark, OpenPnl = v.OpenPnl, RestingOrders = v.RestingOrders, RestingLots = v.RestingLots,
        InFlightOrders = v.InFlightOrders, LateFills = v.LateFills, UnseenEvents = v.UnseenEvents,
    };
}
