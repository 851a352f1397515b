using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalpLang.Ml.Sentiment;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp train-text LABELLED.csv -o MODEL.zip [--holdout F | --holdout-file H.csv] [--trainer sdca|lbfgs]</c>:
/// a headline sentiment model (ML.NET FeaturizeText + logistic regression) from <c>text,label</c>
/// rows, tested on the file's last rows (time order) or a given holdout file; prints AUC,
/// accuracy and the confusion matrix (README, "News and sentiment").
/// </summary>
internal static class TrainTextCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("LABELLED") { Description = "text,label rows (label 1/0, true/false or positive/negative), oldest first" };
        var output = new Option<string>("-o", "--output") { Description = "the model file to write (.zip)", Required = true };
        var trainer = new Option<string>("--trainer") { Description = "sdca (default) or lbfgs: logistic regression over FeaturizeText n-grams", DefaultValueFactory = _ => "sdca" };
        var holdout = new Option<double>("--holdout") { Description = "the last fraction of the rows held out for testing (default 0.2)", DefaultValueFactory = _ => 0.2 };
        var holdoutFile = new Option<string?>("--holdout-file") { Description = "test on this text,label file instead (then every row of LABELLED trains)" };
        var seed = new Option<int>("--seed") { Description = "ML.NET's seed (default 1)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table" };
        var command = new Command("train-text", "Train a headline sentiment model (for `sentiment NAME = \"MODEL.zip\"`)") { file, output, trainer, holdout, holdoutFile, seed, json };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(output)!, result.GetValue(trainer)!, result.GetValue(holdout),
            result.GetValue(holdoutFile), result.GetValue(seed), result.GetValue(json), stdout, stderr));
        return command;
    }

    public static int Run(string path, string output, string trainerText, double holdout, string? holdoutFile, int seed, bool asJson,
        TextWriter stdout, TextWriter stderr)
    {
        TextTrainerKind? kind = trainerText switch { "sdca" => TextTrainerKind.Sdca, "lbfgs" => TextTrainerKind.Lbfgs, _ => null };
        if (kind is null)
            return Usage(stderr, $"--trainer {trainerText}: use sdca or lbfgs");
        if (holdoutFile is null && (holdout is <= 0 or >= 1 || double.IsNaN(holdout)))
            return Usage(stderr, "--holdout must be between 0 and 1 (exclusive), e.g. 0.2");
        if (!output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return Usage(stderr, $"-o {output}: a model file ends in .zip");
        if (ReportFile.CannotWrite(output) is { } outputError)
            return Usage(stderr, $"-o {output}: {outputError}");
        foreach (var input in holdoutFile is null ? [path] : new[] { path, holdoutFile })
        {
            if (!File.Exists(input))
                return Usage(stderr, $"{input}: no such file");
        }
        var rows = LabelledHeadlines.Read(path, out var error);
        if (rows is null)
            return Failed(stderr, error!);
        List<HeadlineRow> train, test;
        if (holdoutFile is not null)
        {
            var held = LabelledHeadlines.Read(holdoutFile, out error);
            if (held is null)
                return Failed(stderr, error!);
            (train, test) = (rows, held);
        }
        else
        {
            var cut = (int)Math.Round(rows.Count * (1 - holdout));
            (train, test) = (rows[..cut], rows[cut..]);
        }
        var errors = new StringWriter();
        var result = SentimentTrainer.Train(train, test, kind.Value, seed, errors);
        if (result is null)
            return Failed(stderr, errors.ToString().Trim());
        SentimentTrainer.Save(result, output);
        stdout.Write(asJson ? Json(result, output) + "\n" : Table(result, output, holdoutFile));
        return ExitCodes.Success;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"scalp train-text: {message}");
        return ExitCodes.UsageOrIo;
    }

    private static int Failed(TextWriter stderr, string message)
    {
        stderr.WriteLine($"scalp train-text: {message}");
        return ExitCodes.Errors;
    }

    private static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Table(SentimentTrainingResult r, string output, string? holdoutFile)
    {
        var m = r.Metrics;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"trainer {r.Schema.Trainer} (FeaturizeText + logistic regression)\n");
        sb.Append(CultureInfo.InvariantCulture, $"rows: {r.Schema.TrainingRows} train, {r.Schema.HoldoutRows} holdout ({(holdoutFile is null ? "the last rows" : holdoutFile)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"holdout: AUC {Number(m.Auc)}, accuracy {Number(m.Accuracy)} (p > 0.5), positive rate {Number(m.PositiveRate)}\n");
        sb.Append("confusion matrix (holdout)   predicted positive   predicted negative\n");
        sb.Append(CultureInfo.InvariantCulture, $"  actual positive           {m.TruePositives,18}   {m.FalseNegatives,18}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  actual negative           {m.FalsePositives,18}   {m.TrueNegatives,18}\n");
        sb.Append(CultureInfo.InvariantCulture, $"wrote {output}\n");
        return sb.ToString();
    }

    private static string Json(SentimentTrainingResult r, string output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("trainer", r.Schema.Trainer);
            json.WriteNumber("train_rows", r.Schema.TrainingRows);
            json.WriteNumber("holdout_rows", r.Schema.HoldoutRows);
            HoldoutMetricsJson.Write(json, r.Metrics, "positive_rate");
            json.WriteString("output", output);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
