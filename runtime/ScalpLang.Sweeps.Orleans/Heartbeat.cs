namespace ScalpLang.Sweeps.Orleans;

/// <summary>A silo's beats for one send it holds (on the thread pool, outside the grain's turn).</summary>
internal static class Heartbeat
{
    public static async Task Beat(ISweepSubmitter submitter, long send, CancellationToken done)
    {
        using var timer = new PeriodicTimer(ClusterSweep.HeartbeatPeriod);
        try
        {
            do
            {
                try
                {
                    await submitter.Alive(send).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A lost beat is only a missed beat: the submitter judges by silence.
                }
            }
            while (await timer.WaitForNextTickAsync(done).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
