namespace ScalpLang.Ml.Tests;

/// <summary>The label language and the time-ordered split, on hand-made events.</summary>
public sealed class LabelTests
{
    [Theory]
    [InlineData("mid_up(500ms)", true, 500_000_000L)]
    [InlineData("mid_down(2s)", false, 2_000_000_000L)]
    [InlineData("mid_up( 100us )", true, 100_000L)]
    [InlineData("mid_up(1min)", true, 60_000_000_000L)]
    public void Labels_parse(string text, bool up, long ns)
    {
        Assert.True(LabelSpec.TryParse(text, out var label, out var error), error);
        Assert.Equal(new LabelSpec(up, ns), label);
    }

    [Theory]
    [InlineData("mid_up")]
    [InlineData("mid_up(500)")]
    [InlineData("mid_up(0ms)")]
    [InlineData("mid_up(1.5s)")]
    [InlineData("price_up(1s)")]
    [InlineData("mid_up(99999999999999999999s)")]
    public void Bad_labels_are_refused_with_a_reason(string text)
    {
        Assert.False(LabelSpec.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Each_event_is_labelled_by_the_first_two_sided_mid_at_or_after_its_horizon()
    {
        long[] times = [0, 100, 200, 300, 400, 500];
        long[] bids = [10, 10, 0, 11, 9, 10];
        long[] asks = [12, 12, 12, 12, 11, 12];
        var features = times.Select(t => new[] { t }).ToList();
        var set = TrainingSet.Build(times, bids, asks, features, new LabelSpec(true, 150), holdout: 0.5);
        // t=0 -> t=200 is one-sided, so t=300 (mid 11.5 > 11): up. t=100 -> t=300: up.
        // t=200 one-sided: unlabelled. t=300 -> t=500 (11 < 11.5): not up. t=400, 500: past the end.
        Assert.Equal(3, set.Unlabelled);
        var all = set.Train.Concat(set.Test).ToList();
        // The holdout starts at t=100's row; t=0's horizon (150) reaches past it: purged.
        Assert.Equal(1, set.Purged);
        Assert.Empty(set.Train);
        Assert.Equal([(100L, true), (300L, false)], all.Select(r => (r.Time, r.Label)));
        var down = TrainingSet.Build(times, bids, asks, features, new LabelSpec(false, 150), holdout: 0.01);
        Assert.Equal([(0L, false), (100L, false), (300L, true)], down.Train.Concat(down.Test).Select(r => (r.Time, r.Label)));
    }
}

/// <summary>The holdout metrics on hand-made scores.</summary>
public sealed class HoldoutMetricsTests
{
    [Fact]
    public void Auc_counts_ties_as_half_and_accuracy_predicts_true_above_one_half()
    {
        var m = HoldoutMetrics.From([true, false, true, false], [0.9f, 0.1f, 0.4f, 0.4f]);
        Assert.Equal(3.5 / 4, m.Auc, 12); // pairs: 0.9>0.1, 0.9>0.4, 0.4>0.1, 0.4=0.4 (half)
        Assert.Equal((1L, 0L, 2L, 1L), (m.TruePositives, m.FalsePositives, m.TrueNegatives, m.FalseNegatives));
        Assert.Equal(0.75, m.Accuracy, 12);
        Assert.Equal(0.5, m.PositiveRate, 12);
    }

    [Fact]
    public void A_holdout_with_one_class_has_no_auc_rather_than_an_exception()
    {
        var m = HoldoutMetrics.From([true, true], [0.7f, 0.2f]);
        Assert.True(double.IsNaN(m.Auc));
        Assert.Equal(0.5, m.Accuracy, 12);
    }
}
