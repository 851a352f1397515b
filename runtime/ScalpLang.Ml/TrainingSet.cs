namespace ScalpLang.Ml;

/// <summary>One labelled event: its time, raw feature values and label.</summary>
public sealed record LabelledRow(long Time, long[] Features, bool Label);

/// <summary>
/// Rows in time order split once, by time: the first part trains, the last <c>holdout</c>
/// fraction tests. Training rows whose label horizon reaches into the test period are dropped
/// (purged), so no test-period price leaks into training through a label.
/// </summary>
public sealed record TrainingSet(IReadOnlyList<LabelledRow> Train, IReadOnlyList<LabelledRow> Test, int Purged, int Unlabelled)
{
    public static TrainingSet Build(IReadOnlyList<long> times, IReadOnlyList<long> bids, IReadOnlyList<long> asks, IReadOnlyList<long[]> features,
        LabelSpec label, double holdout)
    {
        var rows = new List<LabelledRow>();
        var unlabelled = 0;
        var ahead = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (bids[i] <= 0 || asks[i] <= 0)
            {
                unlabelled++;
                continue;
            }
            // The first event at or after t + H with a two-sided book.
            var due = times[i] + label.HorizonNs;
            ahead = Math.Max(ahead, i + 1);
            while (ahead < times.Count && (times[ahead] < due || bids[ahead] <= 0 || asks[ahead] <= 0))
                ahead++;
            if (ahead >= times.Count)
            {
                unlabelled++;
                continue;
            }
            // Mids compared as bid + ask (twice the mid): exact, no halving.
            var now = bids[i] + asks[i];
            var later = bids[ahead] + asks[ahead];
            rows.Add(new LabelledRow(times[i], features[i], label.Up ? later > now : later < now));
        }
        var cut = (int)Math.Floor(rows.Count * (1 - holdout));
        if (cut >= rows.Count)
            return new TrainingSet(rows, [], 0, unlabelled);
        var testStart = rows[cut].Time;
        var train = rows.Take(cut).Where(r => r.Time + label.HorizonNs < testStart).ToList();
        return new TrainingSet(train, rows.Skip(cut).ToList(), cut - train.Count, unlabelled);
    }
}
