namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// The submitter's side of a sweep: keeps up to <c>window</c> work items in flight on the cluster,
/// each send under a fresh grain key (so sends spread round-robin over the gateways, and each runs
/// on the silo it reaches). A send that fails in transit (its silo died, its gateway was lost) is
/// sent again, to whichever silos remain; a point's first result is its only result, so each point
/// is reported exactly once whatever was sent twice.
/// </summary>
public static class ClusterSweep
{
    /// <summary>How often one item may fail in transit before the sweep reports it as failed.</summary>
    public const int MaxSends = 20;

    public static async Task<SweepOutcome[]> RunAsync(IGrainFactory grains, IReadOnlyList<SweepWorkItem> items, SweepProgress progress,
        int window = 64, CancellationToken cancellation = default)
    {
        var results = new SweepOutcome?[items.Count];
        var next = -1;
        var keys = Random.Shared.NextInt64(1L << 40) << 20; // fresh keys per sweep: no activation is shared with another sweep
        async Task Lane()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count)
            {
                var outcome = await RunOne(grains, items[index], progress, () => Interlocked.Increment(ref keys), cancellation).ConfigureAwait(false);
                if (Interlocked.CompareExchange(ref results[index], outcome, null) is null)
                    progress.PointDone(outcome.Summary is null);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, Math.Min(window, items.Count))).Select(_ => Task.Run(Lane, cancellation))).ConfigureAwait(false);
        return [.. results.Select(r => r!)];
    }

    private static async Task<SweepOutcome> RunOne(IGrainFactory grains, SweepWorkItem item, SweepProgress progress, Func<long> nextKey,
        CancellationToken cancellation)
    {
        for (var send = 1; ; send++)
        {
            try
            {
                return await grains.GetGrain<ISweepWorkerGrain>(nextKey()).Run(item, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (InTransit(e) && !cancellation.IsCancellationRequested)
            {
                progress.SendFailed();
                if (send >= MaxSends)
                    return new SweepOutcome(item.Index, null, $"not run: {MaxSends} sends failed, the last with {e.GetType().Name}: {e.Message}", "");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * send)), cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (!InTransit(e) && e is not OperationCanceledException)
            {
                // The item itself failed on its silo (not the transport): that is its result.
                return new SweepOutcome(item.Index, null, $"{e.GetType().Name}: {e.Message}", "");
            }
        }
    }

    /// <summary>Failures of the cluster rather than of the item: the item is sent again.</summary>
    private static bool InTransit(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException or global::Orleans.Runtime.Messaging.ConnectionFailedException
        or TimeoutException or GatewayTooBusyException or System.Net.Sockets.SocketException or ClientNotAvailableException
        || e is OrleansException && e.GetType() == typeof(OrleansException);
}
