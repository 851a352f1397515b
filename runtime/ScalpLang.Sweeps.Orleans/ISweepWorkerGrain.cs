namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// Runs one work item on the silo that receives the call. A stateless worker: it holds nothing a
/// dead silo could lose, so a submitter whose call failed simply sends the item again.
/// </summary>
public interface ISweepWorkerGrain : IGrainWithIntegerKey
{
    Task<SweepOutcome> Run(SweepWorkItem item, CancellationToken cancellation = default);
}
