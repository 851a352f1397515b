using ScalpLang.Compiler.Models;
using ScalpLang.Ml.Sentiment;

namespace ScalpLang.Ml.Tests.Sentiment;

/// <summary>
/// Headline sentiment models on self-made data: a deterministic labelled set (templates with 8 %
/// label noise), trained on its first 80 % and tested on the rest, must beat chance clearly; the
/// compiler's check accepts what `scalp train-text` writes and names what it refuses.
/// </summary>
public sealed class SentimentTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-sentiment-ml-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Positive = ["beats estimates", "raises guidance", "record revenue", "upgraded to buy", "wins contract", "surges"];
    private static readonly string[] Negative = ["misses estimates", "cuts guidance", "revenue falls", "downgraded to sell", "loses contract", "plunges"];
    private static readonly string[] Names = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"];

    /// <summary>Rows from a seeded generator: the same rows on every run.</summary>
    private static List<HeadlineRow> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<HeadlineRow>();
        for (var i = 0; i < count; i++)
        {
            var positive = random.Next(2) == 0;
            var phrase = (positive ? Positive : Negative)[random.Next(Positive.Length)];
            var label = random.NextDouble() < 0.08 ? !positive : positive;
            rows.Add(new HeadlineRow { Text = $"{Names[random.Next(Names.Length)]} {phrase}", Label = label });
        }
        return rows;
    }

    [Theory]
    [InlineData(TextTrainerKind.Sdca)]
    [InlineData(TextTrainerKind.Lbfgs)]
    public void Trained_model_beats_chance_on_the_later_rows(TextTrainerKind kind)
    {
        var rows = Generate(300, seed: 11);
        var errors = new StringWriter();
        var result = SentimentTrainer.Train(rows[..240], rows[240..], kind, seed: 1, errors);
        Assert.True(result is not null, errors.ToString());
        // Noise-free templates: the best possible accuracy is about 92 %; chance is 50 % (AUC 0.5).
        Assert.InRange(result!.Metrics.Auc, 0.8, 1.0);
        Assert.InRange(result.Metrics.Accuracy, 0.75, 1.0);
        Assert.Equal(60, result.Metrics.TruePositives + result.Metrics.FalsePositives + result.Metrics.TrueNegatives + result.Metrics.FalseNegatives);

        var path = Path.Combine(_folder, $"s-{kind}.zip");
        SentimentTrainer.Save(result, path);
        Assert.Equal((ModelReadFailure.None, ""), new SentimentModelReader().Check(path));
        using var scorer = SentimentScorer.Load([path], out var error);
        Assert.Null(error);
        Span<long> slot = stackalloc long[1];
        scorer!.Score("Acme beats estimates", slot);
        var up = slot[0];
        scorer.Score("Acme misses estimates", slot);
        Assert.True(up > 32768 && slot[0] < 32768, $"positive {up}, negative {slot[0]}");
    }

    [Fact]
    public void One_label_only_is_refused_with_a_reason()
    {
        var rows = Generate(50, 3).Select(r => new HeadlineRow { Text = r.Text, Label = true }).ToList();
        var errors = new StringWriter();
        Assert.Null(SentimentTrainer.Train(rows[..40], rows[40..], TextTrainerKind.Sdca, 1, errors));
        Assert.Contains("same label", errors.ToString());
    }

    [Fact]
    public void The_check_names_missing_corrupt_and_non_sentiment_files()
    {
        var reader = new SentimentModelReader();
        Assert.Equal(ModelReadFailure.Missing, reader.Check(Path.Combine(_folder, "none.zip")).Failure);
        var text = Path.Combine(_folder, "text.zip");
        File.WriteAllText(text, "not a zip");
        Assert.Equal(ModelReadFailure.Corrupt, reader.Check(text).Failure);
        var empty = Path.Combine(_folder, "empty.zip");
        using (System.IO.Compression.ZipFile.Open(empty, System.IO.Compression.ZipArchiveMode.Create))
        {
        }
        var (failure, message) = reader.Check(empty);
        Assert.Equal(ModelReadFailure.Unsupported, failure);
        Assert.Contains("scalp train-text", message);
    }

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(1f, 65536)]
    [InlineData(0.5f, 32768)]
    [InlineData(0.6f, 39322)]                       // 39321.6 -> nearest
    [InlineData(1.52587890625e-5f * 0.5f, 1)]       // exactly half a step: away from zero
    [InlineData(float.NaN, 32768)]
    public void Probabilities_quantise_to_the_nearest_step(float p, long raw) => Assert.Equal(raw, SentimentScorer.Quantise(p));
}
