using Microsoft.ML.OnnxRuntime;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// Scores one model for one strategy: the input and output tensors are OrtValues over float
/// arrays allocated (and pinned by the OrtValue) once, bound once with an IoBinding, so a score
/// copies the history into the input, runs the session and reads the output without allocating.
/// </summary>
internal sealed class OnnxScorer : INeuralModel
{
    private readonly InferenceSession _session;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    public OnnxScorer(InferenceSession session, OnnxSignature signature)
    {
        _session = session;
        _input = new float[signature.InputLength];
        _output = new float[signature.OutputLength];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, signature.InputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, signature.OutputShape);
        _binding = session.CreateIoBinding();
        _binding.BindInput(signature.InputName, _inputValue);
        _binding.BindOutput(signature.OutputName, _outputValue);
    }

    public long Score(NeuralHistory history)
    {
        history.CopyTo(_input);
        _session.RunWithBinding(_runOptions, _binding);
        return Quantise(_output[^1]);
    }

    /// <summary>
    /// P(up) as a ratio: nearest multiple of 2^-16 (ties away from zero), clamped to 0..1; NaN is 0
    /// (grammar/README.md §3.4).
    /// </summary>
    public static long Quantise(float probability)
    {
        if (float.IsNaN(probability) || probability <= 0)
            return 0;
        if (probability >= 1)
            return 65536;
        return (long)Math.Round(probability * 65536.0, MidpointRounding.AwayFromZero);
    }

    /// <summary>The raw output of the last score (tests compare it with their reference).</summary>
    public ReadOnlySpan<float> LastOutput => _output;

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
    }
}
