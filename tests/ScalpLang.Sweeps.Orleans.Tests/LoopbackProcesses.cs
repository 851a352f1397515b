using System.Diagnostics;

namespace ScalpLang.Sweeps.Orleans.Tests;

/// <summary>
/// A Redis server (Debian's redis-server) on a free loopback port with its own temporary folder
/// and no persistence, and `scalp silo` processes joined through it; everything started here is
/// killed at the end.
/// </summary>
internal sealed class LoopbackProcesses : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-redis-").FullName;

    public string Cluster { get; private set; } = "";

    private static readonly string[] RedisPaths = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    public static string? RedisServer() => RedisPaths.FirstOrDefault(File.Exists);

    public void StartRedis(string server)
    {
        var port = ClusterHosting.FreePort();
        var redis = Start(server, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _folder, "--save", "", "--appendonly", "no"]);
        WaitForLine(redis, "Ready to accept connections", "redis-server");
        Cluster = $"redis://127.0.0.1:{port}";
    }

    /// <summary>Starts `scalp silo` and waits until it has joined.</summary>
    public Process StartSilo(int workers)
    {
        var silo = Start("dotnet", [TestPaths.Cli, "silo", "--cluster", Cluster, "--port", Port(), "--gateway-port", Port(),
            "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        WaitForLine(silo, "scalp silo: joined", "scalp silo");
        return silo;
    }

    private static string Port() => ClusterHosting.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Process Start(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start)!;
        _processes.Add(process);
        return process;
    }

    /// <summary>Reads stdout until a line contains <paramref name="marker"/>; fails (with stderr) if the process ends or 90 s pass first.</summary>
    private static void WaitForLine(Process process, string marker, string what)
    {
        var read = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line.Contains(marker, StringComparison.Ordinal))
                    return true;
            }
            return false;
        });
        if (!read.Wait(TimeSpan.FromSeconds(90)) || !read.Result)
        {
            var error = process.HasExited ? process.StandardError.ReadToEnd() : "(still running)";
            Assert.Fail($"{what} did not start: {error}");
        }
        // Keep draining its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
