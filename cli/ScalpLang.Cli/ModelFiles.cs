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
    public static IModelReader Reader { get; } = new Readers(new MlModelReader(), new OnnxModelChecker());

    private sealed class Readers(IModelReader zip, IOnnxModelChecker onnx) : IModelReader, IOnnxModelChecker
    {
        public ModelReadResult Read(string fullPath) => zip.Read(fullPath);

        public OnnxCheckResult Check(string fullPath, int features, int history) => onnx.Check(fullPath, features, history);
    }
}
