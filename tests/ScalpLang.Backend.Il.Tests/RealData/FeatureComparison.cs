using System.Collections.Concurrent;
using System.Text;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// Replays a case through the backtest host with the probes (once per case, cached), reads the
/// same files with the reference, and compares every feature on every event (every k-th for
/// references that replay the whole history), raw Q47.16 against raw Q47.16.
/// </summary>
internal static class FeatureComparison
{
    /// <summary>About this many checks per replaying reference (each costs O(events so far)).</summary>
    private const int ReplayChecks = 150;

    private static readonly ConcurrentDictionary<RealDataCase, Lazy<(List<long[]> Rows, RefHistory History)>> Runs = new();

    /// <summary>Distinct: how many different values each feature took (a constant proves little).</summary>
    public sealed record Result(int Events, long Comparisons, Dictionary<string, long> ComparedPerFeature,
        Dictionary<string, List<string>> Mismatches, Dictionary<string, int> Distinct)
    {
        public long MismatchCount => Mismatches.Values.Sum(m => m.Count);

        public string Describe()
        {
            var text = new StringBuilder($"{Events} events, {Comparisons} values compared\n");
            foreach (var (name, list) in Mismatches.Where(m => m.Value.Count > 0))
                text.Append($"{name}: {list.Count} mismatches, first: {string.Join(" | ", list.Take(3))}\n");
            return text.ToString();
        }
    }

    public static (List<long[]> Rows, RefHistory History) Replay(RealDataCase c) =>
        Runs.GetOrAdd(c, key => new Lazy<(List<long[]>, RefHistory)>(() => Run(key))).Value;

    private static (List<long[]>, RefHistory) Run(RealDataCase c)
    {
        var features = FeatureTable.For(c.Depth);
        var probes = ProbeStrategy.Compile(ProbeStrategy.Source(c.Instrument, c.Depth, features), features);
        var tap = new ViewTap(probes, features.Count);
        tap.Start();
        BacktestRunner.Run(tap, c.Data, out var error);
        Assert.Null(error);
        return (tap.Rows, new RefHistory(c.ReadReference()));
    }

    public static Result Compare(RealDataCase c, IReadOnlyList<Feature> features)
    {
        var (rows, history) = Replay(c);
        var events = history.Events;
        Assert.True(rows.Count == events.Count, $"{c}: the strategy was evaluated {rows.Count} times, the reference has {events.Count} events");
        var compared = features.ToDictionary(f => f.Name, _ => 0L);
        var mismatches = features.ToDictionary(f => f.Name, _ => new List<string>());
        compared["ts/kind"] = 0;
        mismatches["ts/kind"] = [];
        int stride = Math.Max(1, events.Count / ReplayChecks);
        long total = 0;
        for (var j = 0; j < events.Count; j++)
        {
            var row = rows[j];
            bool trade = row[1] == (long)MarketEventKind.Trade;
            if (row[0] != events[j].Ts || trade != events[j].IsTrade)
                mismatches["ts/kind"].Add($"event {j} ({events[j].Line}): ts {row[0]} kind {(MarketEventKind)row[1]}, reference ts {events[j].Ts} trade {events[j].IsTrade}");
            compared["ts/kind"]++;
            for (var f = 0; f < features.Count; f++)
            {
                var feature = features[f];
                if (feature.Replays && j % stride != 0 && j != events.Count - 1)
                    continue;
                long expected = feature.Reference(history, j), actual = row[2 + f];
                compared[feature.Name]++;
                total++;
                if (expected != actual)
                    mismatches[feature.Name].Add($"event {j} ({events[j].Line}): runtime {actual}, reference {expected}");
            }
        }
        var distinct = features.Select((f, i) => (f.Name, Count: rows.Select(r => r[2 + i]).Distinct().Count()))
            .ToDictionary(x => x.Name, x => x.Count);
        return new Result(events.Count, total, compared, mismatches, distinct);
    }
}
