using System.Collections.Concurrent;
using System.Diagnostics;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>The submitter's observer: when each open send was last heard of.</summary>
internal sealed class SendTracker : ISweepSubmitter
{
    private readonly ConcurrentDictionary<long, long> _lastHeard = new();

    public Task Alive(long send)
    {
        if (_lastHeard.ContainsKey(send))
            _lastHeard[send] = Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public void Open(long send) => _lastHeard[send] = Stopwatch.GetTimestamp();

    public void Close(long send) => _lastHeard.TryRemove(send, out _);

    public TimeSpan Silence(long send) =>
        _lastHeard.TryGetValue(send, out var heard) ? Stopwatch.GetElapsedTime(heard) : TimeSpan.Zero;
}
