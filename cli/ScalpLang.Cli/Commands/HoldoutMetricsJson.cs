using System.Text.Json;
using ScalpLang.Ml;

namespace ScalpLang.Cli.Commands;

/// <summary>The holdout figures `scalp train` and `scalp train-text` print with --json, written one way.</summary>
internal static class HoldoutMetricsJson
{
    /// <summary>auc (null when undefined), accuracy, the positive-label rate under <paramref name="rateName"/>, and the confusion matrix.</summary>
    public static void Write(Utf8JsonWriter json, HoldoutMetrics m, string rateName)
    {
        if (double.IsNaN(m.Auc))
            json.WriteNull("auc");
        else
            json.WriteNumber("auc", Math.Round(m.Auc, 6));
        json.WriteNumber("accuracy", Math.Round(m.Accuracy, 6));
        json.WriteNumber(rateName, Math.Round(m.PositiveRate, 6));
        json.WriteStartObject("confusion");
        json.WriteNumber("true_positives", m.TruePositives);
        json.WriteNumber("false_positives", m.FalsePositives);
        json.WriteNumber("true_negatives", m.TrueNegatives);
        json.WriteNumber("false_negatives", m.FalseNegatives);
        json.WriteEndObject();
    }
}
