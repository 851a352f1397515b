using Microsoft.ML.OnnxRuntime;
using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// What a model block needs of an ONNX graph (grammar/README.md §3.4): one float input shaped
/// [1, F], [1, H, F] or [1, 1, H, F] for F features and history H (the first dimension may be
/// symbolic: it is fed as 1; [1, F] only without history), and a first output that is a float
/// tensor of fixed size whose last element is P(up).
/// </summary>
internal sealed record OnnxSignature(string InputName, long[] InputShape, string OutputName, long[] OutputShape)
{
    public int InputLength => (int)InputShape.Aggregate(1L, (a, b) => a * b);

    public int OutputLength => (int)OutputShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The signature, or the check failure that says what does not fit.</summary>
    public static (OnnxSignature? Signature, OnnxCheckResult Result) Read(InferenceSession session, int features, int history)
    {
        if (session.InputMetadata.Count != 1)
            return Fail(OnnxCheckFailure.Input, $"has {session.InputMetadata.Count} inputs; a model block feeds exactly one (the feature tensor)");
        var (inputName, input) = session.InputMetadata.First();
        if (!input.IsTensor || input.ElementType != typeof(float))
            return Fail(OnnxCheckFailure.Input, $"input '{inputName}' is {Describe(input)}; a model block feeds a float tensor");
        var dims = input.Dimensions;
        string expected = history == 1
            ? $"[1, {features}], [1, 1, {features}] or [1, 1, 1, {features}]"
            : $"[1, {history}, {features}] or [1, 1, {history}, {features}]";
        long[] shape = [1, .. dims.Skip(1).Select(d => (long)d)];
        var fits = dims.Length >= 2 && dims[0] is 1 or -1 && dims.Skip(1).All(d => d > 0) && dims.Length switch
        {
            2 => history == 1 && dims[1] == features,
            3 => dims[1] == history && dims[2] == features,
            4 => dims[1] == 1 && dims[2] == history && dims[3] == features,
            _ => false,
        };
        if (!fits)
            return Fail(OnnxCheckFailure.InputShape,
                $"takes input '{inputName}' shaped {Shape(dims)}, but the declaration gives {features} feature(s) x history {history}: expected {expected}");
        if (session.OutputMetadata.Count == 0)
            return Fail(OnnxCheckFailure.Output, "has no output");
        var (outputName, output) = session.OutputMetadata.First();
        if (!output.IsTensor || output.ElementType != typeof(float))
            return Fail(OnnxCheckFailure.Output, $"first output '{outputName}' is {Describe(output)}; P(up) must be a float tensor");
        var outDims = output.Dimensions;
        if (outDims.Skip(1).Any(d => d <= 0) || outDims.Length > 0 && outDims[0] is not (1 or -1))
            return Fail(OnnxCheckFailure.Output,
                $"first output '{outputName}' is shaped {Shape(outDims)}; it must have a fixed size (the first dimension may be a batch of 1) and at least one element");
        long[] outShape = outDims.Length == 0 ? [] : [1, .. outDims.Skip(1).Select(d => (long)d)];
        return (new OnnxSignature(inputName, shape, outputName, outShape), OnnxCheckResult.Ok);
    }

    private static (OnnxSignature?, OnnxCheckResult) Fail(OnnxCheckFailure failure, string message) => (null, new OnnxCheckResult(failure, message));

    private static string Describe(NodeMetadata node) => node.IsTensor ? $"a tensor of {node.ElementType.Name}" : $"a {node.OnnxValueType}";

    private static string Shape(int[] dims) => "[" + string.Join(", ", dims.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
