using System.CommandLine;
using ScalpLang.Backtest;
using ScalpLang.Runtime.Abi;
using ScalpLang.Sweeps.Orleans;

namespace ScalpLang.Cli;

/// <summary>
/// <c>scalp backtest ... --sweep ... [--cluster URL|none]</c>: where a sweep's points run. Without
/// the option, on a silo embedded in this process (Orleans localhost clustering); with a URL, on
/// the silos that `scalp silo --cluster URL` started; with <c>none</c>, on this process's cores
/// without Orleans (<see cref="SweepRunner"/>, the reference the others are tested against).
/// Every way gives the same rows.
/// </summary>
internal static class ClusterSweepOption
{
    public const string Local = "none";

    public static Option<string?> Create() => new("--cluster")
    {
        Description = "with --sweep: run the points on the Orleans cluster at redis://HOST:PORT or postgres://USER:PASSWORD@HOST:PORT/DB "
            + "(silos started by `scalp silo`); none: on this process's cores without Orleans; default: an in-process silo",
    };

    /// <summary>Checks the option before any work: null when it is fine.</summary>
    public static string? Validate(string? cluster, bool sweeping)
    {
        if (cluster is null)
            return null;
        if (!sweeping)
            return "--cluster runs a sweep's points: it needs --sweep";
        return cluster == Local || ClusterAddress.TryParse(cluster, out _, out var error) ? null : $"--cluster {cluster}: {error}";
    }

    /// <summary>The sweep's rows, or null after printing why it could not run (<paramref name="exit"/> then says how it failed).</summary>
    public static List<SweepRunner.PointResult>? Run(string? cluster, string path, CompiledStrategy template, IReadOnlyList<string> overrides,
        IReadOnlyList<SweepAxis> axes, DataSpec data, VenueSettings? venueSettings, VenueChoice? venue, bool showProgress, TextWriter stderr, out int exit)
    {
        exit = ExitCodes.Success;
        var grid = SweepAxis.Grid(axes);
        var what = $"sweep {template.Metadata.Name} ({grid.Count} points)";
        if (cluster == Local)
        {
            var finished = new long[1];
            return RunProgress.Run(showProgress, what, () => SweepRunner.Run(template, overrides, axes, data, () => Interlocked.Increment(ref finished[0]), venue),
                () => Volatile.Read(ref finished[0]), grid.Count);
        }
        if (StrategyImageSource.For(path, template) is not { } image)
        {
            stderr.WriteLine($"scalp backtest: {path}: cannot read the strategy again to ship it to the silos");
            exit = ExitCodes.UsageOrIo;
            return null;
        }
        var items = WorkItems(image, template, overrides, axes, grid, data, venueSettings);
        var progress = new SweepProgress();
        var outcomes = RunProgress.Run(showProgress, what, () => RunOnCluster(cluster, items, progress, stderr).GetAwaiter().GetResult(),
            () => progress.Done, grid.Count, () => $"{what}: {progress.Done:N0}/{grid.Count:N0} done, {progress.Failed:N0} failed, {progress.Resent:N0} re-sent");
        if (outcomes is null)
        {
            exit = ExitCodes.UsageOrIo;
            return null;
        }
        return [.. outcomes.Select(o => new SweepRunner.PointResult(grid[o.Index], o.Summary, o.Error))];
    }

    private static async Task<SweepOutcome[]?> RunOnCluster(string? cluster, IReadOnlyList<SweepWorkItem> items, SweepProgress progress, TextWriter stderr)
    {
        if (cluster is null)
        {
            await using var embedded = await EmbeddedSweepCluster.StartAsync(SiloWorkers.PerCore).ConfigureAwait(false);
            return await ClusterSweep.RunAsync(embedded.Grains, items, progress, window: 2 * Environment.ProcessorCount, heartbeat: false).ConfigureAwait(false);
        }
        if (!ClusterAddress.TryParse(cluster, out var address, out var error))
            throw new InvalidOperationException(error); // validated before the strategy was compiled
        (var remote, error) = await RemoteSweepCluster.ConnectAsync(address!).ConfigureAwait(false);
        if (remote is null)
        {
            stderr.WriteLine($"scalp backtest: --cluster {cluster}: {error}");
            return null;
        }
        await using (remote.ConfigureAwait(false))
            return await ClusterSweep.RunAsync(remote.Grains, items, progress).ConfigureAwait(false);
    }

    /// <summary>
    /// One item per grid point: the overrides (as raw values, validated on the template) then the
    /// point's axes, the order a local sweep sets them in; data paths made absolute, so a silo on a
    /// shared file system finds the same file whatever its working directory.
    /// </summary>
    internal static List<SweepWorkItem> WorkItems(StrategyImage image, CompiledStrategy template, IReadOnlyList<string> overrides,
        IReadOnlyList<SweepAxis> axes, List<int[]> grid, DataSpec data, VenueSettings? venue)
    {
        var fixedValues = new List<ParameterValue>();
        foreach (var item in overrides)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var name = item[..equals].Trim();
            var info = template.Metadata.Parameters.First(p => p.Name == name);
            StrategyCompiler.TryParseValue(info.Type, item[(equals + 1)..].Trim(), out var raw, out _);
            fixedValues.Add(new ParameterValue(name, raw));
        }
        var spec = DataText(data);
        return [.. grid.Select((point, index) => new SweepWorkItem(index, image,
            [.. fixedValues, .. axes.Select((axis, a) => new ParameterValue(axis.Name, axis.Points[point[a]].Raw))], spec, venue))];
    }

    private static string DataText(DataSpec data) => data.Kind switch
    {
        DataKind.Synthetic => data.Argument.Length == 0 ? "synthetic" : $"synthetic:{data.Argument}",
        DataKind.Tardis => "tardis:" + string.Join(',', data.Argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath)),
        _ => $"{data.Kind.ToString().ToLowerInvariant()}:{Path.GetFullPath(data.Argument)}",
    };
}
