using Orleans.Concurrency;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// Placed on the silo the call arrives at (the submitter spreads its sends over the gateways).
/// While it holds a send, queued or running, it beats the submitter's heart for it. Each call
/// deactivates its activation afterwards: a sweep's keys are not reused.
/// </summary>
[StatelessWorker(1)]
internal sealed class SweepWorkerGrain(WorkItemExecutor executor, ILocalSiloDetails silo) : Grain, ISweepWorkerGrain
{
    public async Task<SweepOutcome> Run(SweepWorkItem item, ISweepSubmitter? submitter, long send, CancellationToken cancellation = default)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var heartbeat = submitter is null ? Task.CompletedTask : Task.Run(() => Heartbeat.Beat(submitter, send, done.Token), CancellationToken.None);
        try
        {
            return await executor.RunAsync(item, silo.SiloAddress.ToParsableString(), cancellation);
        }
        finally
        {
            await done.CancelAsync();
            await heartbeat;
            DeactivateOnIdle();
        }
    }
}
