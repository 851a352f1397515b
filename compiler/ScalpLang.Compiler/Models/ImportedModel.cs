using System.Collections.Immutable;

namespace ScalpLang.Compiler.Models;

/// <summary>
/// A trained binary classifier as plain data, read from a model file by an
/// <see cref="IModelReader"/> (ML.NET stays out of the compiler). Values are the file's own
/// (double precision); <see cref="ModelQuantiser"/> turns them into the language's Q47.16 once.
/// Probability = 1 / (1 + exp(Slope * score + Offset)) in the model's own (floating) meaning.
/// </summary>
public sealed record ImportedModel(string Trainer, ImmutableArray<ModelFeatureInfo> Features, ModelFunction Function, PlattCalibration Calibration);

/// <summary>A feature the model was trained on: the declared expression's text and its unit (ratio, ticks, lots...).</summary>
public sealed record ModelFeatureInfo(string Name, string Unit);

/// <summary>Platt scaling as ML.NET defines it: p = 1 / (1 + exp(Slope * score + Offset)).</summary>
public sealed record PlattCalibration(double Slope, double Offset);

/// <summary>The raw score of the model over its feature vector.</summary>
public abstract record ModelFunction;

/// <summary>Bias + sum of the trees' leaf values (tree weights already folded into the leaves).</summary>
public sealed record TreeEnsembleFunction(ImmutableArray<ImportedTree> Trees, double Bias) : ModelFunction;

/// <summary>Bias + sum of weight * feature.</summary>
public sealed record LinearFunction(ImmutableArray<double> Weights, double Bias) : ModelFunction;

/// <summary>
/// One regression tree in ML.NET's layout: internal node i tests feature SplitFeature[i]; when
/// the feature is at most Threshold[i] the walk goes to Left[i], else Right[i]. A child &gt;= 0 is an
/// internal node, a negative child c is the leaf ~c.
/// </summary>
public sealed record ImportedTree(ImmutableArray<int> SplitFeature, ImmutableArray<double> Threshold, ImmutableArray<int> Left,
    ImmutableArray<int> Right, ImmutableArray<double> Leaves);
