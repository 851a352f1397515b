using Microsoft.ML.OnnxRuntime;
using ScalpLang.Compiler.Models;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// Checks an .onnx file against its model declaration when the strategy is checked: it loads,
/// its one input holds history x features floats, its first output is a fixed-size float tensor,
/// and on an all-zero input it runs and gives a probability (SL2046, SL2054..SL2059).
/// </summary>
public sealed class OnnxModelChecker : IOnnxModelChecker
{
    public OnnxCheckResult Check(string fullPath, int features, int history)
    {
        if (Directory.Exists(fullPath) || !File.Exists(fullPath))
            return new OnnxCheckResult(OnnxCheckFailure.Missing, "no such file");
        InferenceSession session;
        try
        {
            session = OnnxSessions.Open(fullPath);
        }
        catch (OnnxRuntimeException e)
        {
            // onnxruntime names the full path; the diagnostic already points at the declaration.
            return new OnnxCheckResult(OnnxCheckFailure.Unreadable, Short(e.Message).Replace(fullPath, Path.GetFileName(fullPath), StringComparison.Ordinal));
        }
        using (session)
        {
            var (signature, result) = OnnxSignature.Read(session, features, history);
            if (signature is null)
                return result;
            float p;
            try
            {
                using var scorer = new OnnxScorer(session, signature);
                scorer.Score(new NeuralHistory(features, history));
                p = scorer.LastOutput[^1];
            }
            catch (OnnxRuntimeException e)
            {
                return new OnnxCheckResult(OnnxCheckFailure.RunFails, Short(e.Message));
            }
            return float.IsNaN(p) || p < 0 || p > 1
                ? new OnnxCheckResult(OnnxCheckFailure.NotProbability, p.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                : OnnxCheckResult.Ok;
        }
    }

    /// <summary>onnxruntime's messages start with a bracketed status and may run over lines: the first line, without it.</summary>
    internal static string Short(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var close = line.StartsWith('[') ? line.IndexOf(']', StringComparison.Ordinal) : -1;
        return close > 0 ? line[(close + 1)..].Trim() : line;
    }
}
