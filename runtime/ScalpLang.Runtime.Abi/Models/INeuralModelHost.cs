namespace ScalpLang.Runtime.Abi.Models;

/// <summary>One loaded ONNX model, scoring the history it reads on demand.</summary>
public interface INeuralModel : IDisposable
{
    /// <summary>P(up) as a ratio (raw Q47.16, 0..65536) for the history's current rows.</summary>
    long Score(NeuralHistory history);
}

/// <summary>
/// What loads ONNX models for compiled strategies (runtime/ScalpLang.Ml.Onnx). The core runtime
/// does not depend on onnxruntime: a process that runs strategies with ONNX models installs a
/// host in <see cref="NeuralModels.Host"/> once (the `scalp` command does at start).
/// </summary>
public interface INeuralModelHost
{
    INeuralModel Open(NeuralModelInfo model);
}

public static class NeuralModels
{
    /// <summary>The process's ONNX host, or null when none is installed (a strategy with an ONNX model then refuses to start).</summary>
    public static INeuralModelHost? Host { get; set; }
}
