using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// A model reader for the front end that reads .zip models with <paramref name="zip"/> and checks
/// .onnx models with <see cref="OnnxModelChecker"/> (the front end looks for
/// <see cref="IOnnxModelChecker"/> on its reader).
/// </summary>
public sealed class OnnxAwareModelReader(IModelReader zip) : IModelReader, IOnnxModelChecker
{
    private readonly OnnxModelChecker _onnx = new();

    public ModelReadResult Read(string fullPath) => zip.Read(fullPath);

    public OnnxCheckResult Check(string fullPath, int features, int history) => _onnx.Check(fullPath, features, history);
}
