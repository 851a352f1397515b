using System.Text;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>Writes actions and scenario results in the .scn file's own words and units.</summary>
public static class ScenarioFormat
{
    /// <summary><c>buy 100 market</c>, <c>sell 100 at 100.02</c>, <c>buy 4 market via twap over 2s slices 4</c>, <c>flatten then wait 5s</c>.</summary>
    public static string Action(ScenarioAction? action, Instrument instrument)
    {
        if (action is null)
            return "nothing";
        switch (action.Kind)
        {
            case ActionKind.Buy or ActionKind.Sell:
                var text = new StringBuilder(action.Kind == ActionKind.Buy ? "buy " : "sell ")
                    .Append(instrument.ToDecimal(new Quantity(action.Lots)).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(action.LimitTicks is { } limit
                        ? " at " + instrument.ToDecimal(new Price(limit)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : " market");
                if (action.Slicer == SliceAlgorithm.Iceberg)
                    text.Append(" via iceberg show ").Append(instrument.ToDecimal(new Quantity(action.Slices)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                else if (action.Slicer != SliceAlgorithm.None)
                    text.Append($" via {action.Slicer.ToString().ToLowerInvariant()} over {ScenarioTime.Format(action.SliceOverNs)} slices {action.Slices}");
                return text.ToString();
            case ActionKind.Flatten when action.StandAsideNs > 0:
                return $"flatten then wait {ScenarioTime.Format(action.StandAsideNs)}";
            case ActionKind.CancelAll:
                return "cancel_all";
            default:
                return action.Kind.ToString().ToLowerInvariant();
        }
    }

    /// <summary>
    /// <c>PASS path (N actions)</c>, or <c>FAIL path</c> and the listing: one row per action with
    /// its mark (= as expected, - expected but not done, + done but not expected, ~ not expected but
    /// allowed), time, action, deciding rule and the expectation's line.
    /// </summary>
    public static void Write(TextWriter output, BoundScenario scenario, ScenarioComparison comparison)
    {
        if (comparison.Passed)
        {
            var count = comparison.Rows.Count(r => r.Mark == DiffMark.Same && r.Action is not null);
            output.WriteLine($"PASS {scenario.Path} ({count} expected action{(count == 1 ? "" : "s")})");
            return;
        }
        output.WriteLine($"FAIL {scenario.Path}: {Count(comparison.Missing, "expected action")} not done, {Count(comparison.Unexpected, "unexpected action")}");
        var cells = comparison.Rows.Select(r => (
            Mark: r.Mark switch { DiffMark.Same => '=', DiffMark.Missing => '-', DiffMark.Unexpected => '+', _ => '~' },
            Time: ScenarioTime.Format(r.TimeNs),
            Action: Action(r.Action, scenario.Instrument),
            Decision: r.Decision is null ? "" : "by " + r.Decision,
            Line: r.Line > 0 ? $"line {r.Line}" : "")).ToList();
        var timeWidth = Math.Max(4, cells.Max(c => c.Time.Length));
        var actionWidth = Math.Max(6, cells.Max(c => c.Action.Length));
        var decisionWidth = Math.Max(8, cells.Max(c => c.Decision.Length));
        output.WriteLine($"    {"time".PadRight(timeWidth)}  {"action".PadRight(actionWidth)}  {"decision".PadRight(decisionWidth)}  expected on");
        foreach (var c in cells)
            output.WriteLine($"  {c.Mark} {c.Time.PadRight(timeWidth)}  {c.Action.PadRight(actionWidth)}  {c.Decision.PadRight(decisionWidth)}  {c.Line}".TrimEnd());
        output.WriteLine("  (= as expected, - expected but not done, + done but not expected" + (scenario.AllowOtherActions ? ", ~ not expected but allowed)" : ")"));
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}
