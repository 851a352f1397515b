using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml;

/// <summary>
/// Reads an ML.NET model zip for the compiler: a binary classifier whose predictor is a tree
/// ensemble (FastTree, LightGBM) or a linear model (SDCA logistic regression) with a Platt
/// calibrator, plus the ScalpLang feature schema. Everything else is refused with a reason.
/// </summary>
public sealed class MlModelReader : IModelReader
{
    public ModelReadResult Read(string fullPath)
    {
        if (Directory.Exists(fullPath) || !File.Exists(fullPath))
            return ModelReadResult.Fail(ModelReadFailure.Missing, "no such file");
        ModelSchemaFile? schema;
        try
        {
            using var zip = ZipFile.OpenRead(fullPath);
            schema = ModelSchemaFile.ReadFrom(zip);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ModelReadResult.Fail(ModelReadFailure.Corrupt, $"not a zip file ({Short(e.Message)})");
        }
        catch (JsonException e)
        {
            return ModelReadResult.Fail(ModelReadFailure.Corrupt, $"its feature schema is damaged ({Short(e.Message)})");
        }
        if (schema is null || schema.Features is null || schema.Features.Count == 0)
            return ModelReadResult.Fail(ModelReadFailure.Unsupported, $"it has no ScalpLang feature schema ({ModelSchemaFile.EntryName}); train it with `scalp train`");

        ITransformer model;
        try
        {
            model = new MLContext(seed: 0).Model.Load(fullPath, out _);
        }
#pragma warning disable CA1031 // ML.NET reports a damaged model with many exception types; each becomes the same diagnostic.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ModelReadResult.Fail(ModelReadFailure.Corrupt, Short(e.Message));
        }
        try
        {
            return Import(model, schema);
        }
#pragma warning disable CA1031 // a model that loads but whose parts do not read back is damaged: one diagnostic, never a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ModelReadResult.Fail(ModelReadFailure.Corrupt, $"its predictor does not read back ({Short(e.Message)})");
        }
    }

    /// <summary>The predictor of a trained or loaded model as plain data.</summary>
    public static ModelReadResult Import(ITransformer model, ModelSchemaFile schema)
    {
        var last = model is TransformerChain<ITransformer> chain ? chain.LastTransformer : model;
        if (last is TransformerChain<ITransformer> nested)
            last = nested.LastTransformer;
        var predictor = (last as ISingleFeaturePredictionTransformer<object>)?.Model
            ?? last?.GetType().GetProperty("Model")?.GetValue(last);
        if (predictor is null)
            return ModelReadResult.Fail(ModelReadFailure.Unsupported, "it holds no predictor");
        var (subModel, calibrator) = Calibrated(predictor);
        if (subModel is null || calibrator is not PlattCalibrator platt)
            return ModelReadResult.Fail(ModelReadFailure.Unsupported,
                $"only binary classifiers with a Platt calibration (FastTree, LightGBM, SDCA logistic regression) are compiled, not {predictor.GetType().Name}");
        var features = schema.Features.ToImmutableArray();
        ModelFunction function;
        switch (subModel)
        {
            case TreeEnsembleModelParametersBasedOnRegressionTree trees:
            {
                var ensemble = trees.TrainedTreeEnsemble;
                var imported = ImmutableArray.CreateBuilder<ImportedTree>();
                for (var t = 0; t < ensemble.Trees.Count; t++)
                {
                    var tree = ensemble.Trees[t];
                    if (tree.CategoricalSplitFlags.Any(f => f))
                        return ModelReadResult.Fail(ModelReadFailure.Unsupported, "a tree has a categorical split");
                    if (tree.NumericalSplitFeatureIndexes.Any(f => f < 0 || f >= features.Length))
                        return ModelReadResult.Fail(ModelReadFailure.Unsupported, $"a tree reads a feature beyond the {features.Length} of its schema");
                    var weight = ensemble.TreeWeights.Count > t ? ensemble.TreeWeights[t] : 1.0;
                    imported.Add(new ImportedTree([.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds.Select(x => (double)x)],
                        [.. tree.LeftChild], [.. tree.RightChild], [.. tree.LeafValues.Select(v => v * weight)]));
                }
                function = new TreeEnsembleFunction(imported.ToImmutable(), ensemble.Bias);
                break;
            }
            case LinearBinaryModelParameters linear:
                if (linear.Weights.Count != features.Length)
                    return ModelReadResult.Fail(ModelReadFailure.Unsupported, $"{linear.Weights.Count} weights for {features.Length} features");
                function = new LinearFunction([.. linear.Weights.Select(w => (double)w)], linear.Bias);
                break;
            default:
                return ModelReadResult.Fail(ModelReadFailure.Unsupported, $"its predictor is a {subModel.GetType().Name}, not a tree ensemble or a linear model");
        }
        return ModelReadResult.Ok(new ImportedModel(schema.Trainer, features, function, new PlattCalibration(platt.Slope, platt.Offset)));
    }

    /// <summary>The sub-model and calibrator of ML.NET's CalibratedModelParametersBase&lt;TSubModel, TCalibrator&gt; (derived classes re-declare them).</summary>
    private static (object? SubModel, object? Calibrator) Calibrated(object predictor)
    {
        for (var type = predictor.GetType(); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>))
            {
                const System.Reflection.BindingFlags declared = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly;
                return (type.GetProperty("SubModel", declared)?.GetValue(predictor), type.GetProperty("Calibrator", declared)?.GetValue(predictor));
            }
        }
        return (null, null);
    }

    private static string Short(string message) => message.Split('\n')[0].Trim();
}
