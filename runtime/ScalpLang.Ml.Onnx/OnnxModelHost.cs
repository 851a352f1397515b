using Microsoft.ML.OnnxRuntime;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// Loads the ONNX models of compiled strategies (<see cref="NeuralModels.Host"/>). The file is
/// checked again when a strategy starts, since it may have changed since the strategy was built.
/// </summary>
public sealed class OnnxModelHost : INeuralModelHost
{
    public static OnnxModelHost Instance { get; } = new();

    /// <summary>Installs the host for this process (idempotent).</summary>
    public static void Install() => NeuralModels.Host ??= Instance;

    /// <exception cref="ModelLoadException">The file is gone, unreadable, or no longer fits the declaration.</exception>
    public INeuralModel Open(NeuralModelInfo model)
    {
        if (!File.Exists(model.Path))
            throw new ModelLoadException($"model '{model.Name}': no model file '{model.Path}' (it was there when the strategy was built)");
        InferenceSession session;
        try
        {
            session = OnnxSessions.Shared(model.Path);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"model '{model.Name}': cannot load '{model.Path}': {OnnxModelChecker.Short(e.Message)}", e);
        }
        var (signature, result) = OnnxSignature.Read(session, model.Features, model.History);
        if (signature is null)
            throw new ModelLoadException($"model '{model.Name}': '{model.Path}' {result.Message} (the file changed since the strategy was built)");
        return new OnnxScorer(session, signature);
    }
}
