namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// The submitter as an Orleans observer: a silo holding one of its sends says so every
/// <see cref="ClusterSweep.HeartbeatPeriod"/>, from the moment the send arrives until its result
/// leaves. A send that goes silent (its silo died, hung, or lost the message) is sent again.
/// </summary>
public interface ISweepSubmitter : IGrainObserver
{
    [global::Orleans.Concurrency.OneWay]
    Task Alive(long send);
}
