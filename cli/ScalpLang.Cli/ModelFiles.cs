using ScalpLang.Compiler.Models;
using ScalpLang.Ml;
using ScalpLang.Ml.Onnx;
using ScalpLang.Ml.Sentiment;

namespace ScalpLang.Cli;

/// <summary>
/// The model readers every command compiles with: ML.NET zips (read once per file and process),
/// ONNX files (checked against their declaration by onnxruntime) and headline classifiers.
/// </summary>
internal static class ModelFiles
{
    public static IModelReader Reader { get; } = new OnnxAwareModelReader(new MlModelReader());

    /// <summary>Checks the files of `sentiment` declarations (headline classifiers from `scalp train-text`).</summary>
    public static ISentimentModelReader Sentiments { get; } = new SentimentModelReader();
}
