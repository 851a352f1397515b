namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// The submitter's side of a sweep: keeps up to <c>window</c> work items in flight on the cluster,
/// each send under a fresh grain key (so sends spread round-robin over the gateways, and each runs
/// on the silo it reaches). A send that fails in transit, or whose silo stops beating its heart for
/// <see cref="SilenceLimit"/> (killed, hung, cut off), is cancelled and sent again to whichever
/// silos remain; a point's first result is its only result, so each point is reported exactly
/// once whatever was sent twice.
/// </summary>
public static class ClusterSweep
{
    /// <summary>How often one item may fail in transit before the sweep reports it as failed.</summary>
    public const int MaxSends = 20;

    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a send is taken as lost (generous: a loaded machine delays beats).</summary>
    public static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(8);

    /// <param name="heartbeat">False in one process (the embedded silo cannot die apart from its submitter).</param>
    public static async Task<SweepOutcome[]> RunAsync(IGrainFactory grains, IReadOnlyList<SweepWorkItem> items, SweepProgress progress,
        int window = 64, bool heartbeat = true, CancellationToken cancellation = default)
    {
        var results = new SweepOutcome?[items.Count];
        var next = -1;
        var keys = Random.Shared.NextInt64(1L << 40) << 20; // fresh keys per sweep: no activation is shared with another sweep
        var tracker = new SendTracker();
        var submitter = heartbeat ? grains.CreateObjectReference<ISweepSubmitter>(tracker) : null;
        try
        {
            async Task Lane()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < items.Count)
                {
                    var outcome = await RunOne(grains, items[index], progress, () => Interlocked.Increment(ref keys), tracker, submitter, cancellation)
                        .ConfigureAwait(false);
                    if (Interlocked.CompareExchange(ref results[index], outcome, null) is null)
                        progress.PointDone(outcome.Summary is null);
                }
            }
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(window, items.Count))).Select(_ => Task.Run(Lane, cancellation))).ConfigureAwait(false);
        }
        finally
        {
            if (submitter is not null)
                grains.DeleteObjectReference<ISweepSubmitter>(submitter);
            GC.KeepAlive(tracker); // Orleans holds observers weakly
        }
        return [.. results.Select(r => r!)];
    }

    private static async Task<SweepOutcome> RunOne(IGrainFactory grains, SweepWorkItem item, SweepProgress progress, Func<long> nextKey,
        SendTracker tracker, ISweepSubmitter? submitter, CancellationToken cancellation)
    {
        for (var send = 1; ; send++)
        {
            var key = nextKey();
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            tracker.Open(key);
            Exception failure;
            try
            {
                var call = grains.GetGrain<ISweepWorkerGrain>(key).Run(item, submitter, key, abandon.Token);
                if (submitter is not null)
                {
                    while (await Task.WhenAny(call, Task.Delay(HeartbeatPeriod, cancellation)).ConfigureAwait(false) != call)
                    {
                        if (tracker.Silence(key) > SilenceLimit)
                        {
                            await abandon.CancelAsync().ConfigureAwait(false);
                            break;
                        }
                    }
                }
                return await call.ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
            {
                failure = new TimeoutException($"no word from its silo for {SilenceLimit.TotalSeconds:0} s", e);
            }
            catch (Exception e) when (InTransit(e) && !cancellation.IsCancellationRequested)
            {
                failure = e;
            }
            catch (Exception e) when (!InTransit(e) && e is not OperationCanceledException)
            {
                // The item itself failed on its silo (not the transport): that is its result.
                return new SweepOutcome(item.Index, null, $"{e.GetType().Name}: {e.Message}", "");
            }
            finally
            {
                tracker.Close(key);
            }
            progress.SendFailed();
            if (send >= MaxSends)
                return new SweepOutcome(item.Index, null, $"not run: {MaxSends} sends failed, the last with {failure.GetType().Name}: {failure.Message}", "");
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * send)), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Failures of the cluster rather than of the item: the item is sent again.</summary>
    private static bool InTransit(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException
        or global::Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException or GatewayTooBusyException
        or System.Net.Sockets.SocketException or ClientNotAvailableException
        || e is OrleansException && e.GetType() == typeof(OrleansException);
}
