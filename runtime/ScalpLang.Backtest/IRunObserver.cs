namespace ScalpLang.Backtest;

/// <summary>
/// Watches a backtest as it runs, for reports: every event's end state and every fill of ours.
/// Set on <see cref="BacktestEngine.RunObserver"/>; a null observer costs one check per event.
/// </summary>
public interface IRunObserver
{
    /// <summary>After the strategy acted on an event: exchange time (Unix ns), best bid and ask (Q47.16 ticks, 0 when a side is empty), equity (Q47.16 tick-lots) and position (lots).</summary>
    void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position);

    /// <summary>One of our fills, as the portfolio booked it.</summary>
    void OnFill(in OwnFill fill);

    /// <summary>The kill switch engaged (once per engagement).</summary>
    void OnKill(long ts, string reason);
}
