using ScalpLang.Compiler.Models;
using ScalpLang.Ml;
using ScalpLang.Ml.Onnx;

namespace ScalpLang.Cli;

/// <summary>
/// The model reader every command compiles with: ML.NET zips (read once per file and process)
/// and ONNX files (checked against their declaration by onnxruntime).
/// </summary>
internal static class ModelFiles
{
    public static IModelReader Reader { get; } = new OnnxAwareModelReader(new MlModelReader());
}
