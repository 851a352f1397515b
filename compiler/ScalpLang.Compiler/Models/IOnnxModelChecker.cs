namespace ScalpLang.Compiler.Models;

/// <summary>
/// Checks an .onnx file against its model declaration (runtime/ScalpLang.Ml.Onnx implements it,
/// so onnxruntime stays out of the compiler). A model reader that also implements this interface
/// lets the front end check and compile ONNX models. Never throws for a bad file.
/// </summary>
public interface IOnnxModelChecker
{
    /// <param name="features">Feature values per evaluation, as declared.</param>
    /// <param name="history">Evaluations the input holds (<c>history N</c>, else 1).</param>
    OnnxCheckResult Check(string fullPath, int features, int history);
}

public enum OnnxCheckFailure
{
    None,
    /// <summary>No such file, or a directory (SL2046).</summary>
    Missing,
    /// <summary>Not loadable as an ONNX model (SL2054).</summary>
    Unreadable,
    /// <summary>Not exactly one input, or not a float tensor (SL2055).</summary>
    Input,
    /// <summary>The input's shape does not hold history x features values (SL2056).</summary>
    InputShape,
    /// <summary>No float tensor output with a fixed number of elements (SL2057).</summary>
    Output,
    /// <summary>Running it on an all-zero input fails (SL2058).</summary>
    RunFails,
    /// <summary>Its output on an all-zero input is not in 0..1 (SL2059).</summary>
    NotProbability,
}

public sealed record OnnxCheckResult(OnnxCheckFailure Failure, string Message)
{
    public static OnnxCheckResult Ok { get; } = new(OnnxCheckFailure.None, "");
}
