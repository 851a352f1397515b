using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml.Tests;

/// <summary>
/// Models trained once per test run on the GOOG day (time-ordered holdout), one per trainer,
/// saved to a scratch folder beside a strategy that declares them.
/// </summary>
public sealed class TrainedModels
{
    private readonly Dictionary<TrainerKind, (TrainingResult Result, string Folder)?> _models = [];
    private readonly Lock _lock = new();

    public (TrainingResult Result, string Folder)? Get(TrainerKind kind)
    {
        lock (_lock)
        {
            if (_models.TryGetValue(kind, out var cached))
                return cached;
            var data = GoogDay.Data;
            (TrainingResult, string)? trained = null;
            if (data is not null)
            {
                var folder = GoogDay.WriteStrategy(GoogDay.Strategy("rule go priority 1 when p_up > 0.5 => buy 1 lot at market"));
                var errors = new StringWriter();
                var request = new TrainingRequest(Path.Combine(folder, "strategy.scalp"), data, new LabelSpec(true, 500_000_000), kind, Trees: 100, Leaves: 20);
                var result = ModelTrainer.Train(request, errors);
                Assert.True(result is not null, errors.ToString());
                ModelTrainer.Save(result, Path.Combine(folder, "p_up.zip"));
                trained = (result, folder);
            }
            _models[kind] = trained;
            return trained;
        }
    }

    public static ImportedModel Read(string folder)
    {
        var read = new MlModelReader().Read(Path.Combine(folder, "p_up.zip"));
        Assert.True(read.Model is not null, read.Message);
        return read.Model;
    }
}
