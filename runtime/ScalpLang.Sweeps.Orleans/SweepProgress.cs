namespace ScalpLang.Sweeps.Orleans;

/// <summary>A sweep's counters as its submitter sees them (read by the progress bar while it runs).</summary>
public sealed class SweepProgress
{
    private long _done;
    private long _failed;
    private long _resent;

    /// <summary>Points with their one result (a summary or an error).</summary>
    public long Done => Volatile.Read(ref _done);

    /// <summary>Points whose result is an error (bad data on a silo, a parameter refused at start).</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>Sends that failed in transit (a silo died or was unreachable) and were sent again.</summary>
    public long Resent => Volatile.Read(ref _resent);

    internal void PointDone(bool failed)
    {
        if (failed)
            Interlocked.Increment(ref _failed);
        Interlocked.Increment(ref _done);
    }

    internal void SendFailed() => Interlocked.Increment(ref _resent);
}
