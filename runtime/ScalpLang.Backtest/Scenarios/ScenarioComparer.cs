using System.Collections.Immutable;

namespace ScalpLang.Backtest.Scenarios;

public enum DiffMark
{
    /// <summary>Expected and done.</summary>
    Same,
    /// <summary>Expected, not done.</summary>
    Missing,
    /// <summary>Done, not expected.</summary>
    Unexpected,
    /// <summary>Done, not expected, and the scenario says <c>allow other actions</c>.</summary>
    Allowed,
}

/// <summary>
/// One row of the expected-vs-actual listing. <see cref="Action"/> is null for a met or missed
/// <c>nothing</c>; <see cref="Line"/> is the expectation's line (0 for an action nobody expected).
/// </summary>
public sealed record DiffRow(DiffMark Mark, long TimeNs, ScenarioAction? Action, string? Decision, int Line);

public sealed record ScenarioComparison(ImmutableArray<DiffRow> Rows)
{
    public bool Passed => Rows.All(r => r.Mark is DiffMark.Same or DiffMark.Allowed);
    public int Missing => Rows.Count(r => r.Mark == DiffMark.Missing);
    public int Unexpected => Rows.Count(r => r.Mark == DiffMark.Unexpected);
}

/// <summary>
/// Lines up expected and actual actions time by time. Within one time both keep their order (file
/// order, decision order) and are aligned by a longest common subsequence, so one wrong action
/// shows as one '-' and one '+' row instead of shifting everything after it.
/// </summary>
public static class ScenarioComparer
{
    public static ScenarioComparison Compare(BoundScenario scenario, IReadOnlyList<ActualAction> actual)
    {
        var rows = ImmutableArray.CreateBuilder<DiffRow>();
        var times = scenario.Expectations.Select(e => e.TimeNs).Concat(actual.Select(a => a.TimeNs)).Distinct().Order();
        foreach (var time in times)
        {
            var expected = scenario.Expectations.Where(e => e.TimeNs == time).ToList();
            var done = actual.Where(a => a.TimeNs == time).ToList();
            var nothing = expected.FirstOrDefault(e => e.Action is null);
            if (nothing is not null)
                rows.Add(new DiffRow(done.Count == 0 ? DiffMark.Same : DiffMark.Missing, time, null, null, nothing.At.Line));
            var extra = scenario.AllowOtherActions && nothing is null ? DiffMark.Allowed : DiffMark.Unexpected;
            Align(expected.Where(e => e.Action is not null).ToList(), done, extra, rows);
        }
        return new ScenarioComparison(rows.ToImmutable());
    }

    private static bool Matches(BoundExpectation e, ActualAction a) => e.Action == a.Action && (e.Decision is null || e.Decision == a.Decision);

    private static void Align(List<BoundExpectation> expected, List<ActualAction> done, DiffMark extra, ImmutableArray<DiffRow>.Builder rows)
    {
        // lcs[i, j]: longest match of expected[i..] and done[j..].
        var lcs = new int[expected.Count + 1, done.Count + 1];
        for (var i = expected.Count - 1; i >= 0; i--)
        {
            for (var j = done.Count - 1; j >= 0; j--)
                lcs[i, j] = Matches(expected[i], done[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }
        int x = 0, y = 0;
        while (x < expected.Count || y < done.Count)
        {
            if (x < expected.Count && y < done.Count && Matches(expected[x], done[y]))
            {
                rows.Add(new DiffRow(DiffMark.Same, done[y].TimeNs, done[y].Action, done[y].Decision, expected[x].At.Line));
                x++;
                y++;
            }
            else if (x < expected.Count && (y == done.Count || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                rows.Add(new DiffRow(DiffMark.Missing, expected[x].TimeNs, expected[x].Action, expected[x].Decision, expected[x].At.Line));
                x++;
            }
            else
            {
                rows.Add(new DiffRow(extra, done[y].TimeNs, done[y].Action, done[y].Decision, 0));
                y++;
            }
        }
    }
}
