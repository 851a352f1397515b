using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalpLang.Backtest;
using ScalpLang.Ml;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp train FILE --data SPEC --label L -o MODEL.zip [--trainer fasttree|lightgbm|sdca]</c>:
/// the strategy's model block features over the data, a label per event, an ML.NET binary
/// classifier trained on the earlier events and evaluated on the later ones (README, "Training a model").
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp) whose model block lists the features" };
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH_TO_message.csv, tardis:PATH.csv[,PATH.csv] or tape:PATH", DefaultValueFactory = _ => "synthetic" };
        var label = new Option<string>("--label") { Description = "mid_up(DURATION) or mid_down(DURATION), e.g. mid_up(500ms)", Required = true };
        var output = new Option<string>("-o", "--output") { Description = "the model file to write (.zip)", Required = true };
        var trainer = new Option<string>("--trainer") { Description = "fasttree (default), lightgbm or sdca (logistic regression)", DefaultValueFactory = _ => "fasttree" };
        var model = new Option<string?>("--model") { Description = "which model block, when the strategy declares several" };
        var holdout = new Option<double>("--holdout") { Description = "the last fraction of the labelled events held out for testing (default 0.2)", DefaultValueFactory = _ => 0.2 };
        var trees = new Option<int>("--trees") { Description = "trees (fasttree, lightgbm; default 100)", DefaultValueFactory = _ => 100 };
        var leaves = new Option<int>("--leaves") { Description = "leaves per tree (fasttree, lightgbm; default 20)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of a table" };
        var command = new Command("train", "Train an ML.NET model on the strategy's declared model features") { file, data, label, output, trainer, model, holdout, trees, leaves, json };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(data)!, result.GetValue(label)!, result.GetValue(output)!,
            result.GetValue(trainer)!, result.GetValue(model), result.GetValue(holdout), result.GetValue(trees), result.GetValue(leaves), result.GetValue(json), stdout, stderr));
        return command;
    }

    public static int Run(string path, string dataSpec, string labelText, string output, string trainerText, string? modelName, double holdout,
        int trees, int leaves, bool asJson, TextWriter stdout, TextWriter stderr)
    {
        if (!LabelSpec.TryParse(labelText, out var label, out var labelError))
            return Usage(stderr, $"--label: {labelError}");
        TrainerKind? kind = trainerText switch { "fasttree" => TrainerKind.FastTree, "lightgbm" => TrainerKind.LightGbm, "sdca" => TrainerKind.Sdca, _ => null };
        if (kind is null)
            return Usage(stderr, $"--trainer {trainerText}: use fasttree, lightgbm or sdca");
        if (holdout is <= 0 or >= 1 || double.IsNaN(holdout))
            return Usage(stderr, "--holdout must be between 0 and 1 (exclusive), e.g. 0.2");
        if (trees is < 1 or > 10_000 || leaves is < 2 or > 1024)
            return Usage(stderr, "--trees must be 1..10000 and --leaves 2..1024");
        if (!output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return Usage(stderr, $"-o {output}: a model file ends in .zip");
        if (ReportFile.CannotWrite(output) is { } outputError)
            return Usage(stderr, $"-o {output}: {outputError}");
        if (!DataSpec.TryParse(dataSpec, out var data, out var specError))
            return Usage(stderr, $"--data {dataSpec}: {specError}");
        if (data.Kind is DataKind.Lobster or DataKind.Tape && !File.Exists(data.Argument))
            return Usage(stderr, $"{data.Argument}: no such file");
        if (!SourceFiles.TryRead(path, stderr, out _, out _))
            return ExitCodes.UsageOrIo;

        var request = new TrainingRequest(path, data, label, kind.Value, modelName, holdout, trees, leaves);
        var errors = new StringWriter();
        var result = ModelTrainer.Train(request, errors);
        if (result is null)
        {
            stderr.Write(errors.ToString().Split('\n').Where(l => l.Length > 0).Select(l => l.StartsWith(path, StringComparison.Ordinal) ? l + "\n" : $"scalp train: {l}\n").Aggregate("", string.Concat));
            return ExitCodes.Errors;
        }
        ModelTrainer.Save(result, output);
        stdout.Write(asJson ? Json(result, output) + "\n" : Table(result, output));
        return ExitCodes.Success;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"scalp train: {message}");
        return ExitCodes.UsageOrIo;
    }

    private static string Number(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Table(TrainingResult r, string output)
    {
        var m = r.Metrics;
        var s = r.Set;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"trainer {r.Schema.Trainer}, label {r.Schema.Label}, features [{string.Join(", ", r.Schema.Features.Select(f => $"{f.Name}: {f.Unit}"))}]\n");
        sb.Append(CultureInfo.InvariantCulture, $"rows: {s.Train.Count} train (earlier; {s.Purged} purged at the boundary), {s.Test.Count} holdout (later), {s.Unlabelled} unlabelled\n");
        sb.Append(CultureInfo.InvariantCulture, $"holdout: AUC {Number(m.Auc)}, accuracy {Number(m.Accuracy)} (p > 0.5), label rate {Number(m.PositiveRate)}\n");
        sb.Append("confusion matrix (holdout)   predicted true   predicted false\n");
        sb.Append(CultureInfo.InvariantCulture, $"  actual true               {m.TruePositives,14}   {m.FalseNegatives,15}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  actual false              {m.FalsePositives,14}   {m.TrueNegatives,15}\n");
        sb.Append(CultureInfo.InvariantCulture, $"wrote {output}\n");
        return sb.ToString();
    }

    private static string Json(TrainingResult r, string output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("trainer", r.Schema.Trainer);
            json.WriteString("label", r.Schema.Label);
            json.WriteStartArray("features");
            foreach (var f in r.Schema.Features)
            {
                json.WriteStartObject();
                json.WriteString("name", f.Name);
                json.WriteString("unit", f.Unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("train_rows", r.Set.Train.Count);
            json.WriteNumber("holdout_rows", r.Set.Test.Count);
            json.WriteNumber("purged", r.Set.Purged);
            json.WriteNumber("unlabelled", r.Set.Unlabelled);
            HoldoutMetricsJson.Write(json, r.Metrics, "label_rate");
            json.WriteString("output", output);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
