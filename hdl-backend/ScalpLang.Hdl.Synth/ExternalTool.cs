using System.Diagnostics;
using System.Globalization;

namespace ScalpLang.Hdl.Synth;

/// <summary>How one run of an external tool ended.</summary>
/// <param name="Exit">Its exit status (-1 when it timed out and was killed).</param>
/// <param name="TimedOut">It did not finish within the time limit.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Output">Its standard output and error (also written to the log file).</param>
public sealed record ToolRun(int Exit, bool TimedOut, TimeSpan Elapsed, string Output);

/// <summary>
/// Finds the synthesis tools on a search path and runs them with a time limit, their output kept
/// in a log file: yosys on a large combinational divider can run for many minutes, and a hang
/// must end as a clear error, not a stuck command.
/// </summary>
public static class ExternalTool
{
    /// <summary>The Debian package that installs each tool (test.sh installs them).</summary>
    public static string PackageOf(string tool) => tool switch
    {
        "icepack" or "icetime" => "fpga-icestorm",
        _ => tool,
    };

    /// <summary>The tool's full path on <paramref name="searchPath"/> (PATH syntax; null: the process's PATH), or null.</summary>
    public static string? Find(string tool, string? searchPath = null) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool))
            .FirstOrDefault(File.Exists);

    public static ToolRun Run(string executable, IEnumerable<string> arguments, string workDir, string logPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Found but not runnable (permissions, a broken link): an outcome, not a crash.
            var message = $"cannot run {executable}: {e.Message}";
            File.AppendAllText(logPath, $"\n---- {message}\n");
            return new ToolRun(127, false, watch.Elapsed, message);
        }
        using var process = started ?? throw new IOException($"cannot start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var output = stdout.Result + stderr.Result;
        File.AppendAllText(logPath, string.Create(CultureInfo.InvariantCulture,
            $"\n---- {Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)}: {(finished ? $"exit {process.ExitCode}" : "killed at the time limit")} after {watch.Elapsed.TotalSeconds:F1} s\n{output}"));
        return new ToolRun(finished ? process.ExitCode : -1, !finished, watch.Elapsed, output);
    }
}
