namespace ScalpLang.Runtime.Abi.Models;

/// <summary>
/// The last <c>History</c> evaluations' raw feature values of one ONNX model, a ring the compiled
/// strategy fills on every evaluation (zeros until that many were seen). Allocated once at start.
/// </summary>
public sealed class NeuralHistory
{
    private readonly long[] _ring;
    private int _next; // the row the next evaluation writes: after a commit, the oldest row

    public NeuralHistory(int features, int history)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(history, 1);
        Features = features;
        History = history;
        _ring = new long[features * history];
    }

    public int Features { get; }

    public int History { get; }

    /// <summary>How many evaluations were committed (the host's cache key: the input changes with it).</summary>
    public long Version { get; private set; }

    /// <summary>Sets feature <paramref name="index"/> of the evaluation in progress.</summary>
    public void Set(int index, long raw) => _ring[_next * Features + index] = raw;

    /// <summary>Ends the evaluation in progress: it becomes the newest row.</summary>
    public void Commit()
    {
        _next = _next + 1 == History ? 0 : _next + 1;
        Version++;
    }

    /// <summary>The rows oldest first as real numbers (raw / 2^16) in single precision, as the model reads them.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length != _ring.Length)
            throw new ArgumentException($"the input holds {destination.Length} values, the history {_ring.Length}", nameof(destination));
        var start = _next * Features;
        var tail = _ring.Length - start;
        Convert(_ring.AsSpan(start), destination[..tail]);
        Convert(_ring.AsSpan(0, start), destination[tail..]);
    }

    private static void Convert(ReadOnlySpan<long> raw, Span<float> into)
    {
        for (var i = 0; i < raw.Length; i++)
            into[i] = (float)(raw[i] / 65536.0);
    }
}
