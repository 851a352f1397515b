using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml.Sentiment;

/// <summary>
/// The compiler's check of a <c>sentiment</c> model file: a zip with the ScalpLang sentiment
/// marker (written by `scalp train-text`) whose ML.NET pipeline loads and scores text.
/// </summary>
public sealed class SentimentModelReader : ISentimentModelReader
{
    public (ModelReadFailure Failure, string Message) Check(string fullPath)
    {
        if (Directory.Exists(fullPath) || !File.Exists(fullPath))
            return (ModelReadFailure.Missing, "no such file");
        SentimentSchemaFile? schema;
        bool featureModel;
        try
        {
            using var zip = ZipFile.OpenRead(fullPath);
            schema = SentimentSchemaFile.ReadFrom(zip);
            featureModel = zip.GetEntry(ModelSchemaFile.EntryName) is not null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (ModelReadFailure.Corrupt, $"not a zip file ({Short(e.Message)})");
        }
        catch (JsonException e)
        {
            return (ModelReadFailure.Corrupt, $"its sentiment marker is damaged ({Short(e.Message)})");
        }
        if (schema is null || schema.Kind != SentimentSchemaFile.HeadlineKind)
            return (ModelReadFailure.Unsupported, featureModel
                ? "it is a feature model from `scalp train` (declare it with `model NAME = \"...\" features [...]`)"
                : $"it has no ScalpLang sentiment marker ({SentimentSchemaFile.EntryName}); train it with `scalp train-text`");
        try
        {
            var ml = new MLContext(seed: 0);
            var model = ml.Model.Load(fullPath, out _);
            using var engine = ml.Model.CreatePredictionEngine<HeadlineRow, HeadlinePrediction>(model);
            _ = engine.Predict(new HeadlineRow { Text = "check" });
        }
#pragma warning disable CA1031 // ML.NET reports a damaged model with many exception types; each becomes the same diagnostic.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (ModelReadFailure.Corrupt, Short(e.Message));
        }
        return (ModelReadFailure.None, "");
    }

    private static string Short(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
