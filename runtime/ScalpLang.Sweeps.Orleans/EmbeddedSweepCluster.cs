using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// The default of `scalp backtest --sweep`: a single silo in this process (localhost clustering on
/// free loopback ports), whose own grain factory submits the sweep, so nothing else is needed.
/// </summary>
public sealed class EmbeddedSweepCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSweepCluster(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedSweepCluster> StartAsync(SiloWorkers workers, CancellationToken cancellation = default)
    {
        var host = ClusterHosting.BuildSilo(silo => silo
            .UseLocalhostClustering(ClusterHosting.FreePort(), ClusterHosting.FreePort(), serviceId: ClusterHosting.ServiceId, clusterId: ClusterHosting.ClusterId)
            .AddSweepService(workers));
        await host.StartAsync(cancellation).ConfigureAwait(false);
        return new EmbeddedSweepCluster(host);
    }

    /// <summary>Stops at once: a graceful stop (membership update, deactivation) costs seconds and nobody else is in this cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(false);
        await _host.StopAsync(now.Token).ConfigureAwait(false);
        _host.Dispose();
    }
}
