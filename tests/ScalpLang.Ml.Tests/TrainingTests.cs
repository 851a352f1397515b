namespace ScalpLang.Ml.Tests;

/// <summary>`scalp train` on the GOOG day: a time-ordered holdout, purged at the boundary, with honest metrics.</summary>
public sealed class TrainingTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Fact]
    public void Training_on_the_goog_day_holds_out_the_last_fifth_by_time()
    {
        if (models.Get(TrainerKind.FastTree) is not { } trained)
            return;
        var set = trained.Result.Set;
        var horizon = 500_000_000L;
        Assert.True(set.Train.Count > 30_000 && set.Test.Count > 5_000, $"{set.Train.Count} train, {set.Test.Count} test rows");
        // Every training row and its label's horizon end before the first holdout event: no look-ahead.
        Assert.True(set.Train.Max(r => r.Time) + horizon < set.Test.Min(r => r.Time));
        Assert.True(set.Train.Zip(set.Train.Skip(1)).All(p => p.First.Time <= p.Second.Time), "training rows out of time order");
        Assert.True(set.Test.Zip(set.Test.Skip(1)).All(p => p.First.Time <= p.Second.Time), "holdout rows out of time order");
        var total = set.Train.Count + set.Purged + set.Test.Count;
        Assert.InRange(set.Test.Count, (int)(total * 0.19), (int)(total * 0.21));

        var m = trained.Result.Metrics;
        Assert.Equal(set.Test.Count, m.TruePositives + m.FalsePositives + m.TrueNegatives + m.FalseNegatives);
        Assert.Equal(set.Test.Count(r => r.Label), m.TruePositives + m.FalseNegatives);
        Assert.Equal((m.TruePositives + m.TrueNegatives) / (double)set.Test.Count, m.Accuracy, 6);
        // The book features carry some signal about the next 500 ms on this day (measured: about 0.68).
        Assert.InRange(m.Auc, 0.55, 1.0);
        Assert.Equal(["imb", "spread", "flow", "cancel_rate(window: 1s)", "trade_volume(window: 1s)"], trained.Result.Schema.Features.Select(f => f.Name));
        Assert.Equal(["ratio", "ticks", "ratio", "ratio", "lots"], trained.Result.Schema.Features.Select(f => f.Unit));
    }
}
