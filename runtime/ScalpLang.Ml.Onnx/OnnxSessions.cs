using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace ScalpLang.Ml.Onnx;

/// <summary>
/// One InferenceSession per model file and process, shared by every strategy that scores it (a
/// sweep loads the same model hundreds of times). Sessions run single-threaded and sequentially,
/// so a score does not depend on the machine or its load (grammar/README.md §3.4).
/// </summary>
internal static class OnnxSessions
{
    private static readonly ConcurrentDictionary<string, Lazy<InferenceSession>> Sessions = new(StringComparer.Ordinal);

    public static SessionOptions NewOptions() => new()
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
    };

    /// <summary>A new session (the caller disposes it): the checker's, which must see the file as it is now.</summary>
    public static InferenceSession Open(string path)
    {
        using var options = NewOptions();
        return new InferenceSession(path, options);
    }

    /// <summary>The process's shared session for <paramref name="path"/> (never disposed: it lives as long as the process).</summary>
    public static InferenceSession Shared(string path) => Sessions.GetOrAdd(path, p => new Lazy<InferenceSession>(() => Open(p))).Value;
}
