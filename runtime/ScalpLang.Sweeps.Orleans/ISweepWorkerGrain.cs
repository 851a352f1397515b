namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// Runs one work item on the silo that receives the call. A stateless worker: it holds nothing a
/// dead silo could lose, so a submitter whose send failed or went silent simply sends the item again.
/// </summary>
public interface ISweepWorkerGrain : IGrainWithIntegerKey
{
    /// <param name="submitter">Told every heartbeat period that <paramref name="send"/> is still held here; null: no heartbeat (one process).</param>
    Task<SweepOutcome> Run(SweepWorkItem item, ISweepSubmitter? submitter, long send, CancellationToken cancellation = default);
}
