using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Data;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Models;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Ml;

public enum TrainerKind
{
    FastTree,
    LightGbm,
    Sdca,
}

/// <summary>What to train: the strategy, its model block, the data, the label and the trainer's settings.</summary>
public sealed record TrainingRequest(string StrategyPath, DataSpec Data, LabelSpec Label, TrainerKind Trainer, string? ModelName = null,
    double Holdout = 0.2, int Trees = 100, int Leaves = 20, int MinLeafCount = 20, double LearningRate = 0.2, int Seed = 1);

/// <summary>The trained model with its holdout metrics and the rows it was trained and tested on.</summary>
public sealed record TrainingResult(ITransformer Model, ModelSchemaFile Schema, TrainingSet Set, HoldoutMetrics Metrics, MLContext Context);

/// <summary>
/// `scalp train`: the strategy is compiled in its feature-tap form (IlEmitOptions), replayed over
/// the data by the backtest engine so its own code computes the model block's features, each
/// event is labelled, the rows are split by time, and an ML.NET binary classifier is trained
/// and evaluated on the holdout. Errors come back as text (or diagnostics), never as exceptions.
/// </summary>
public static class ModelTrainer
{
    public static TrainingResult? Train(TrainingRequest request, TextWriter errors)
    {
        var bytes = File.ReadAllBytes(request.StrategyPath);
        var program = FrontEnd.Check(bytes, request.StrategyPath);
        var report = new System.Text.StringBuilder();
        foreach (var d in program.Diagnostics.Where(d => d.IsError))
            DiagnosticFormatter.Append(report, d);
        errors.Write(report.ToString());
        if (program.HasErrors || program.Strategy is not { } strategy)
            return null;
        if (ChooseModel(strategy, request.ModelName, errors) is not { } model)
            return null;

        var ir = Lowerer.Lower(strategy);
        var emitted = IlBackend.Emit(ir, new IlEmitOptions(model.Symbol.Name));
        if (emitted.Image is null)
        {
            foreach (var d in emitted.Diagnostics)
                errors.WriteLine(d.Message);
            return null;
        }
        var (compiled, context) = StrategyLoader.Load(emitted.Image, emitted.TypeName, collectible: true);
        try
        {
            var tap = new long[model.Features.Length];
            compiled.GetType().GetField(IlEmitOptions.FeatureField)!.SetValue(compiled, tap);
            compiled.Start();
            var recorder = new FeatureRecorder(tap);
            BacktestRunner.Run(compiled, request.Data, out var dataError, started: engine => engine.RunObserver = recorder);
            if (dataError is not null)
            {
                errors.WriteLine(dataError);
                return null;
            }
            var set = TrainingSet.Build(recorder.Times, recorder.Bids, recorder.Asks, recorder.Features, request.Label, request.Holdout);
            if (set.Train.Count == 0 || set.Test.Count == 0)
            {
                errors.WriteLine($"not enough labelled events to train and test: {set.Train.Count} training and {set.Test.Count} holdout rows");
                return null;
            }
            if (set.Train.All(r => r.Label) || set.Train.All(r => !r.Label))
            {
                errors.WriteLine($"every training row has the same label ({set.Train[0].Label}): nothing to learn");
                return null;
            }
            var features = model.Features.Select(f => new ModelFeatureInfo(model.Symbol.Location.Source.ToString(f.Span), f.Type.ToString()));
            var schema = new ModelSchemaFile(Name(request.Trainer), request.Label.Text, [.. features]);
            return Fit(request, set, schema);
        }
        finally
        {
            context.Unload();
        }
    }

    private static BoundModel? ChooseModel(BoundStrategy strategy, string? name, TextWriter errors)
    {
        if (strategy.Models.IsEmpty)
        {
            errors.WriteLine($"{strategy.Location.Source.Path}: strategy {strategy.Name} declares no model block; add one: model p_up = \"p_up.zip\" features [imbalance(levels: 1), spread]");
            return null;
        }
        if (name is null)
        {
            if (strategy.Models.Length == 1)
                return strategy.Models[0];
            errors.WriteLine($"strategy {strategy.Name} declares several models; choose one with --model ({string.Join(", ", strategy.Models.Select(m => m.Symbol.Name))})");
            return null;
        }
        var chosen = strategy.Models.FirstOrDefault(m => m.Symbol.Name == name);
        if (chosen is null)
            errors.WriteLine($"strategy {strategy.Name} has no model '{name}' (it has: {string.Join(", ", strategy.Models.Select(m => m.Symbol.Name))})");
        return chosen;
    }

    public static string Name(TrainerKind kind) => kind switch
    {
        TrainerKind.FastTree => "fasttree",
        TrainerKind.LightGbm => "lightgbm",
        _ => "sdca",
    };

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    /// <summary>A feature reaches ML.NET as raw / 2^16 in single precision (grammar/README.md §6.1).</summary>
    public static float[] ToFloats(long[] raw) => [.. raw.Select(r => (float)(r / 65536.0))];

    public static IDataView ToDataView(MLContext ml, IEnumerable<LabelledRow> rows, int width)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = ToFloats(r.Features), Label = r.Label }), definition);
    }

    private static TrainingResult Fit(TrainingRequest request, TrainingSet set, ModelSchemaFile schema)
    {
        var ml = new MLContext(seed: request.Seed);
        var width = schema.Features.Count;
        var train = ToDataView(ml, set.Train, width);
        IEstimator<ITransformer> trainer = request.Trainer switch
        {
            TrainerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: request.Leaves, numberOfTrees: request.Trees,
                minimumExampleCountPerLeaf: request.MinLeafCount, learningRate: request.LearningRate),
            TrainerKind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(numberOfLeaves: request.Leaves, numberOfIterations: request.Trees,
                minimumExampleCountPerLeaf: request.MinLeafCount, learningRate: request.LearningRate),
            _ => ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 50),
        };
        var model = trainer.Fit(train);
        var probabilities = MlNetScores(ml, model, set.Test, width).Select(s => s.Probability).ToList();
        var metrics = HoldoutMetrics.From([.. set.Test.Select(r => r.Label)], probabilities);
        return new TrainingResult(model, schema, set, metrics, ml);
    }

    /// <summary>Writes the model (ML.NET's format) and adds the ScalpLang feature schema to the zip.</summary>
    public static void Save(TrainingResult result, string path)
    {
        var width = result.Schema.Features.Count;
        var input = ToDataView(result.Context, [], width).Schema;
        result.Context.Model.Save(result.Model, input, path);
        result.Schema.AppendTo(path);
    }

    /// <summary>ML.NET's own score and probability for each row (its batch scoring): what the compiled model is compared with.</summary>
    public static ImmutableArray<(float Score, float Probability)> MlNetScores(TrainingResult result, IEnumerable<LabelledRow> rows) =>
        MlNetScores(result.Context, result.Model, rows, result.Schema.Features.Count);

    public static ImmutableArray<(float Score, float Probability)> MlNetScores(MLContext ml, ITransformer model, IEnumerable<LabelledRow> rows, int width)
    {
        var scored = model.Transform(ToDataView(ml, rows, width));
        var scores = scored.GetColumn<float>("Score").ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        return [.. scores.Zip(probabilities)];
    }
}
