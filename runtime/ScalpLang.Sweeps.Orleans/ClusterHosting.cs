using Microsoft.Extensions.Logging;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>Where a silo listens: its silo-to-silo port, its gateway port for submitters, and the address it advertises.</summary>
public sealed record SiloEndpoints(int SiloPort, int GatewayPort, IPAddress? Advertised = null);

/// <summary>The one silo and client configuration every sweep host shares (embedded, `scalp silo`, tests).</summary>
public static class ClusterHosting
{
    public const string ClusterId = "scalp-sweeps";
    public const string ServiceId = "scalp";

    /// <summary>The sweep service on a silo: the worker grain's executor and its strategy cache.</summary>
    public static ISiloBuilder AddSweepService(this ISiloBuilder silo, SiloWorkers workers)
    {
        silo.Services.AddSingleton(workers);
        silo.Services.AddSingleton<StrategyCache>();
        silo.Services.AddSingleton<WorkItemExecutor>();
        // A killed silo is declared dead within a few seconds rather than the default tens of
        // seconds, so its gateway leaves the submitter's list quickly.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        return silo;
    }

    /// <summary>A silo joining the cluster at <paramref name="address"/>.</summary>
    public static ISiloBuilder UseCluster(this ISiloBuilder silo, ClusterAddress address, SiloEndpoints endpoints)
    {
        switch (address.Kind)
        {
            case ClusterKind.Redis:
                silo.UseRedisClustering(address.ConnectionString);
                break;
            default:
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", address.ConnectionString));
                break;
        }
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
        silo.ConfigureEndpoints(endpoints.Advertised ?? IPAddress.Loopback, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.Advertised is not null);
        return silo;
    }

    /// <summary>A submitter's client of the cluster at <paramref name="address"/>.</summary>
    public static IClientBuilder UseCluster(this IClientBuilder client, ClusterAddress address)
    {
        switch (address.Kind)
        {
            case ClusterKind.Redis:
                client.UseRedisClustering(address.ConnectionString);
                break;
            default:
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", address.ConnectionString));
                break;
        }
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
        // A backtest can take minutes; a lost silo is noticed by its connection, not by this timeout.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1));
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        return client;
    }

    /// <summary>A free TCP port on loopback (for the embedded silo and tests).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A host with the given silo, silent (no logging providers).</summary>
    public static IHost BuildSilo(Action<ISiloBuilder> configure) => Host().UseOrleans(configure).Build();

    /// <summary>A host with the given client (a submitter), silent like a silo.</summary>
    public static IHost BuildClient(Action<IClientBuilder> configure) => Host().UseOrleansClient(configure).Build();

    /// <summary>
    /// No logging unless SCALP_ORLEANS_LOG names a level (Debug, Information, Warning...): then
    /// Orleans' own log goes to stderr, for diagnosing a cluster. Signals stay with the command.
    /// </summary>
    private static IHostBuilder Host() => new HostBuilder()
        .ConfigureServices(services => services.AddSingleton<IHostLifetime, SilentLifetime>())
        .ConfigureLogging(logging =>
        {
            if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("SCALP_ORLEANS_LOG"), ignoreCase: true, out var level))
                logging.AddProvider(new StderrLoggerProvider()).SetMinimumLevel(level);
        });
}
