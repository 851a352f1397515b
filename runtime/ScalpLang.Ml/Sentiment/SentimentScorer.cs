using Microsoft.ML;
using ScalpLang.Backtest.News;

namespace ScalpLang.Ml.Sentiment;

/// <summary>
/// Scores headlines with a strategy's sentiment models on the host, once per headline: ML.NET's
/// probability (single precision) is quantised to Q47.16 once, to the nearest multiple of 2^-16
/// (ties away from zero), which is exact arithmetic on the float's value.
/// </summary>
public sealed class SentimentScorer : IHeadlineScorer, IDisposable
{
    private readonly PredictionEngine<HeadlineRow, HeadlinePrediction>[] _engines;
    private readonly HeadlineRow _row = new();

    private SentimentScorer(PredictionEngine<HeadlineRow, HeadlinePrediction>[] engines) => _engines = engines;

    /// <summary>Loads each model; null and a message naming the file when one cannot be loaded.</summary>
    public static SentimentScorer? Load(IReadOnlyList<string> modelPaths, out string? error)
    {
        error = null;
        var engines = new List<PredictionEngine<HeadlineRow, HeadlinePrediction>>();
        var ml = new MLContext(seed: 0);
        foreach (var path in modelPaths)
        {
            try
            {
                var model = ml.Model.Load(path, out _);
                engines.Add(ml.Model.CreatePredictionEngine<HeadlineRow, HeadlinePrediction>(model));
            }
#pragma warning disable CA1031 // any load failure is reported as the file's problem, never a crash.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var engine in engines)
                    engine.Dispose();
                error = $"{path}: cannot load the sentiment model: {e.Message.Split('\n')[0]}";
                return null;
            }
        }
        return new SentimentScorer([.. engines]);
    }

    public void Score(string text, Span<long> slots)
    {
        _row.Text = text;
        for (var i = 0; i < _engines.Length; i++)
            slots[i] = Quantise(_engines[i].Predict(_row).Probability);
    }

    /// <summary>nearest(p * 2^16), ties away from zero, within 0..65536 (a NaN scores as 0.5).</summary>
    public static long Quantise(float probability)
    {
        if (float.IsNaN(probability))
            return 32768;
        var raw = (long)Math.Round(probability * 65536.0, MidpointRounding.AwayFromZero);
        return Math.Clamp(raw, 0, 65536);
    }

    public void Dispose()
    {
        foreach (var engine in _engines)
            engine.Dispose();
    }
}
