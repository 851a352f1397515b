namespace ScalpLang.Ml;

/// <summary>
/// Holdout metrics: AUC (the probability that a random true row scores above a random false one,
/// ties counting half), accuracy with "true" predicted when the probability is above 0.5, and
/// the confusion matrix. Computed here rather than by ML.NET so that a holdout with one class
/// only gives an undefined AUC (NaN) instead of an exception.
/// </summary>
public sealed record HoldoutMetrics(double Auc, double Accuracy, long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives,
    double PositiveRate)
{
    public static HoldoutMetrics From(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var predicted = probabilities[i] > 0.5f;
            (tp, fp, tn, fn) = (labels[i], predicted) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (false, true) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }
        var positives = tp + fn;
        var negatives = fp + tn;
        return new HoldoutMetrics(AreaUnderCurve(labels, probabilities, positives, negatives), labels.Count == 0 ? double.NaN : (tp + tn) / (double)labels.Count,
            tp, fp, tn, fn, labels.Count == 0 ? double.NaN : positives / (double)labels.Count);
    }

    /// <summary>Mann-Whitney: rank the scores (ties share their mean rank) and compare the true rows' rank sum.</summary>
    private static double AreaUnderCurve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, long positives, long negatives)
    {
        if (positives == 0 || negatives == 0)
            return double.NaN;
        var order = Enumerable.Range(0, labels.Count).OrderBy(i => scores[i]).ToArray();
        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
                end++;
            var meanRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                    rankSum += meanRank;
            }
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
