using System.Diagnostics;
using System.Globalization;

namespace ScalpLang.Sweeps.Orleans.Bench;

/// <summary>A Redis server on a free loopback port and `scalp silo` processes joined through it; all killed on dispose.</summary>
internal sealed class SiloProcesses : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-bench-redis-").FullName;

    public SiloProcesses()
    {
        var port = ClusterHosting.FreePort();
        var redis = Start("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder, "--save", "", "--appendonly", "no"]);
        WaitFor(redis, "Ready to accept connections");
        Cluster = $"redis://127.0.0.1:{port}";
    }

    public string Cluster { get; }

    public Process StartSilo(int workers)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "scalp.dll");
        var silo = Start("dotnet", [cli, "silo", "--cluster", Cluster, "--port", FreePort(), "--gateway-port", FreePort(), "--workers", workers.ToString(CultureInfo.InvariantCulture)]);
        WaitFor(silo, "scalp silo: joined");
        return silo;
    }

    public async Task<RemoteSweepCluster> ConnectAsync()
    {
        if (!ClusterAddress.TryParse(Cluster, out var address, out var error))
            throw new InvalidOperationException(error);
        var (remote, connectError) = await RemoteSweepCluster.ConnectAsync(address!);
        return remote ?? throw new InvalidOperationException(connectError);
    }

    private static string FreePort() => ClusterHosting.FreePort().ToString(CultureInfo.InvariantCulture);

    private Process Start(string file, string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"cannot start {file}");
        _processes.Add(process);
        return process;
    }

    private static void WaitFor(Process process, string marker)
    {
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains(marker, StringComparison.Ordinal))
        {
        }
        if (line is null)
            throw new InvalidOperationException($"{process.StartInfo.FileName} ended before '{marker}': {process.StandardError.ReadToEnd()}");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
