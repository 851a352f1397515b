using ScalpLang.Backtest.Reports;

namespace ScalpLang.Scripting;

/// <summary>One point of Scalp.Sweep: the parameter's value as written and the run's report.</summary>
public sealed record SweepPoint(string Value, BacktestReport Report);
