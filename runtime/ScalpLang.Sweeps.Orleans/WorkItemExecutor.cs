using ScalpLang.Backtest;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// Runs work items on this silo exactly as a local sweep runs a point: a fresh strategy instance,
/// the parameters set in order, <c>Start</c>, then <see cref="BacktestRunner.Run"/> over the data.
/// At most <see cref="Workers"/> run at once (default: one per core); the rest wait their turn.
/// </summary>
public sealed class WorkItemExecutor(StrategyCache strategies, SiloWorkers workers) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(workers.Count, workers.Count);

    public int Workers => workers.Count;

    /// <summary>Items finished on this silo (for its own status line).</summary>
    public long Completed => Volatile.Read(ref _completed);

    private long _completed;

    public async Task<SweepOutcome> RunAsync(SweepWorkItem item, string silo, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            // Off the Orleans scheduler: a backtest is long CPU work, not a grain turn.
            var outcome = await Task.Run(() => Execute(item, silo), cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            return outcome;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    public SweepOutcome Execute(SweepWorkItem item, string silo)
    {
        if (!DataSpec.TryParse(item.Data, out var data, out var error))
            return new SweepOutcome(item.Index, null, $"--data {item.Data}: {error}", silo);
        VenueChoice? venue = null;
        if (item.Venue is { } settings && !settings.TryCreate(out venue, out error))
            return new SweepOutcome(item.Index, null, error, silo);
        var strategy = strategies.Create(item.Strategy);
        try
        {
            foreach (var parameter in item.Parameters)
                strategy.SetParameter(parameter.Name, parameter.Raw);
            strategy.Start();
        }
        catch (ArgumentException e)
        {
            return new SweepOutcome(item.Index, null, e.Message, silo);
        }
        try
        {
            var summary = BacktestRunner.Run(strategy, data, out error, venue: venue);
            return new SweepOutcome(item.Index, error is null ? summary : null, error, silo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The data as this silo sees it: a path another machine can read may be missing here.
            return new SweepOutcome(item.Index, null, $"on silo {silo}: {e.Message}", silo);
        }
    }
}

/// <summary>How many work items a silo runs at once.</summary>
public sealed record SiloWorkers(int Count)
{
    public static SiloWorkers PerCore => new(Environment.ProcessorCount);
}
