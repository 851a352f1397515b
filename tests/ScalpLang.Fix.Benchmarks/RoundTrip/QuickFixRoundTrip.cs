using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>
/// The QuickFIX C++ rows of `--roundtrip`: compiles quickfix/roundtrip.cpp with g++ against
/// Debian's libquickfix-dev (cached in the temp folder under a hash of source and flags, so a
/// changed source is rebuilt), runs it as a child process and reads back its round-trip times.
/// QuickFIX validates with the same FIX 4.4 dictionary our sessions use (the engine's own).
/// </summary>
internal static class QuickFixRoundTrip
{
    private const string Flags = "-std=c++14 -O2 -Wall -Werror -Wno-deprecated";
    private static readonly string[] HeaderPaths = ["/usr/include/quickfix/Application.h", "/usr/local/include/quickfix/Application.h"];

    /// <summary>Runs <paramref name="count"/> timed round trips after the warm-up; <paramref name="threaded"/> picks QuickFIX's thread-per-connection sockets over its poll loop.</summary>
    public static async Task<(double[] Micros, double Seconds)> RunAsync(string binary, string folder, int count, RoundTripWarmUp warmUp, bool threaded)
    {
        var dictionary = Path.Combine(folder, "FIX44.xml");
        if (!File.Exists(dictionary))
        {
            await using var source = typeof(ScalpLang.Fix.Dictionaries.FixDictionary).Assembly.GetManifestResourceStream("ScalpLang.Fix.FIX44.xml")
                ?? throw new InvalidOperationException("the engine's FIX44.xml resource is missing");
            await using var target = File.Create(dictionary);
            await source.CopyToAsync(target);
        }
        var times = Path.Combine(folder, $"times-{Environment.ProcessId}-{(threaded ? "threaded" : "poll")}.txt");
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { FreePort().ToString(CultureInfo.InvariantCulture), dictionary, count.ToString(CultureInfo.InvariantCulture), warmUp.Trips.ToString(CultureInfo.InvariantCulture), warmUp.Seconds.ToString(CultureInfo.InvariantCulture), times, threaded ? "threaded" : "poll" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
            await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        if (process.ExitCode != 0 || !output.StartsWith("DONE ", StringComparison.Ordinal))
            throw new InvalidOperationException($"QuickFIX round trips failed (exit {process.ExitCode}): {output} {await stderr}");
        try
        {
            var micros = (await File.ReadAllLinesAsync(times)).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            return (micros, double.Parse(output[5..], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(times);
        }
    }

    /// <summary>The compiled program, built now if missing or stale; its folder also holds run files.</summary>
    public static string Build()
    {
        if (!HeaderPaths.Any(File.Exists))
            throw new InvalidOperationException(
                "QuickFIX C++ is not installed (no quickfix/Application.h): install Debian's libquickfix-dev (apt-get install -y libquickfix-dev)");
        var source = Path.Combine(AppContext.BaseDirectory, "quickfix", "roundtrip.cpp");
        var folder = Path.Combine(Path.GetTempPath(), "scalp-quickfix-roundtrip", Hash(source));
        var binary = Path.Combine(folder, "roundtrip");
        if (File.Exists(binary))
            return binary;
        Directory.CreateDirectory(folder);
        var temporary = binary + "." + Guid.NewGuid().ToString("N");  // concurrent runs: build aside, then rename
        var info = new ProcessStartInfo("g++") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in Flags.Split(' ').Concat(["-o", temporary, source, "-lquickfix", "-lpthread"]))
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("g++ is missing: install Debian's g++ (apt-get install -y g++)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"g++ failed on {source} (exit {process.ExitCode}):\n{stderr.Result}");
        }
        File.Move(temporary, binary, overwrite: true);
        return binary;
    }

    private static string Hash(string source)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Flags + "\0"));
        sha.AppendData(File.ReadAllBytes(source));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
