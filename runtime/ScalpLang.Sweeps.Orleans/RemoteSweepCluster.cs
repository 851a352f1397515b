using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>A submitter connected as an Orleans client to silos started by `scalp silo --cluster URL`.</summary>
public sealed class RemoteSweepCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private RemoteSweepCluster(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects, or returns the reason it could not (no silo registered, Redis or PostgreSQL unreachable).</summary>
    public static async Task<(RemoteSweepCluster? Cluster, string? Error)> ConnectAsync(ClusterAddress address, CancellationToken cancellation = default)
    {
        var host = ClusterHosting.BuildClient(client => client.UseCluster(address));
        try
        {
            await host.StartAsync(cancellation).ConfigureAwait(false);
            return (new RemoteSweepCluster(host), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            return (null, $"cannot reach the cluster at {address.Display}: {ClusterErrors.Describe(e, address)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
