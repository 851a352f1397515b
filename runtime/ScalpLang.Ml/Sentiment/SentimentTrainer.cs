using Microsoft.ML;
using Microsoft.ML.Data;

namespace ScalpLang.Ml.Sentiment;

public enum TextTrainerKind
{
    Sdca,
    Lbfgs,
}

/// <summary>The trained pipeline, how it did on the holdout, and what to write beside it.</summary>
public sealed record SentimentTrainingResult(ITransformer Model, MLContext Context, HoldoutMetrics Metrics, SentimentSchemaFile Schema);

/// <summary>
/// Trains a headline classifier: ML.NET's FeaturizeText (word and character n-grams) followed by
/// a calibrated logistic regression (SDCA or L-BFGS). The holdout is the file's last rows (the
/// file is taken to be in time order, so the model is tested on headlines after those it learnt
/// from) or a separate file.
/// </summary>
public static class SentimentTrainer
{
    public static SentimentTrainingResult? Train(IReadOnlyList<HeadlineRow> train, IReadOnlyList<HeadlineRow> holdout, TextTrainerKind kind, int seed,
        TextWriter errors)
    {
        if (train.Count == 0 || holdout.Count == 0)
        {
            errors.WriteLine($"not enough rows to train and test: {train.Count} training and {holdout.Count} holdout rows");
            return null;
        }
        if (train.All(r => r.Label) || train.All(r => !r.Label))
        {
            errors.WriteLine($"every training row has the same label ({train[0].Label}): nothing to learn");
            return null;
        }
        var ml = new MLContext(seed: seed);
        var data = ml.Data.LoadFromEnumerable(train);
        var featurize = ml.Transforms.Text.FeaturizeText("Features", nameof(HeadlineRow.Text));
        var pipeline = kind == TextTrainerKind.Lbfgs
            ? featurize.Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            : featurize.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 100));
        var model = pipeline.Fit(data);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(holdout));
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        var metrics = HoldoutMetrics.From([.. holdout.Select(r => r.Label)], probabilities);
        var schema = new SentimentSchemaFile(SentimentSchemaFile.HeadlineKind, kind == TextTrainerKind.Lbfgs ? "lbfgs" : "sdca", train.Count, holdout.Count);
        return new SentimentTrainingResult(model, ml, metrics, schema);
    }

    /// <summary>Writes the model (ML.NET's format) and marks it as a headline sentiment model.</summary>
    public static void Save(SentimentTrainingResult result, string path)
    {
        var input = result.Context.Data.LoadFromEnumerable(Array.Empty<HeadlineRow>()).Schema;
        result.Context.Model.Save(result.Model, input, path);
        result.Schema.AppendTo(path);
    }
}
