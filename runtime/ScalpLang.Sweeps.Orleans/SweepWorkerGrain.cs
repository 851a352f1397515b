using Orleans.Concurrency;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// Placed on the silo the call arrives at (the submitter spreads its calls over the gateways), so a
/// call fails with its gateway's connection when that silo dies, and the item is re-sent elsewhere.
/// Each call deactivates its activation afterwards: a sweep's keys are not reused.
/// </summary>
[StatelessWorker(1)]
internal sealed class SweepWorkerGrain(WorkItemExecutor executor, ILocalSiloDetails silo) : Grain, ISweepWorkerGrain
{
    public async Task<SweepOutcome> Run(SweepWorkItem item, CancellationToken cancellation = default)
    {
        try
        {
            return await executor.RunAsync(item, silo.SiloAddress.ToParsableString(), cancellation);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
