using System.Diagnostics;
using System.Globalization;

namespace ScalpLang.Hdl.CoSim;

public enum SimulatorKind
{
    Iverilog,
    Verilator,
}

/// <summary>
/// Compiles a module and its testbench with Icarus Verilog (<c>iverilog -g2005</c> + <c>vvp</c>) or
/// Verilator (<c>--binary --timing</c>) in a work folder and runs it on a hex tape; a folder that
/// already holds a build of the same sources runs it again without rebuilding.
/// </summary>
public static class Simulator
{
    public sealed record Output(List<EventDecision> Decisions, List<string> Probes, string? Error, TimeSpan Build, TimeSpan Run);

    public static bool IsInstalled(SimulatorKind kind) => FindOnPath(kind == SimulatorKind.Iverilog ? "iverilog" : "verilator") is not null;

    public static Output Run(SimulatorKind kind, string workDir, string moduleName, string module, string testbench, string hexTape, long? dumpEvent = null)
    {
        Directory.CreateDirectory(workDir);
        var modulePath = Path.Combine(workDir, moduleName + ".v");
        var testbenchPath = Path.Combine(workDir, moduleName + "_tb.v");
        // The same sources in the same folder reuse the build (a Verilator build costs far more than a run).
        var unchanged = File.Exists(modulePath) && File.ReadAllText(modulePath) == module
            && File.Exists(testbenchPath) && File.ReadAllText(testbenchPath) == testbench;
        File.WriteAllText(modulePath, module);
        File.WriteAllText(testbenchPath, testbench);
        var decisionsPath = Path.Combine(workDir, "decisions.txt");
        var watch = Stopwatch.StartNew();
        string executable;
        List<string> arguments;
        if (kind == SimulatorKind.Iverilog)
        {
            var image = Path.Combine(workDir, "sim.vvp");
            var build = unchanged && File.Exists(image) ? null : Exec("iverilog", ["-g2005", "-o", image, "-s", moduleName + "_tb", modulePath, testbenchPath], workDir);
            if (build is not null)
                return Failed("iverilog", build, watch);
            (executable, arguments) = ("vvp", ["-n", image]);
        }
        else
        {
            var objDir = Path.Combine(workDir, "obj_dir");
            var build = unchanged && File.Exists(Path.Combine(objDir, "sim")) ? null : Exec("verilator", ["--binary", "--timing", "-O3", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--Mdir", objDir,
                "-o", "sim", "--top-module", moduleName + "_tb", modulePath, testbenchPath], workDir);
            if (build is not null)
                return Failed("verilator", build, watch);
            (executable, arguments) = (Path.Combine(objDir, "sim"), []);
        }
        var built = watch.Elapsed;
        watch.Restart();
        arguments.AddRange([$"+tape={hexTape}", $"+out={decisionsPath}"]);
        if (dumpEvent is { } n)
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"+dump={n}"));
        var run = Exec(executable, arguments, workDir);
        if (run is not null)
            return new Output([], [], $"{Path.GetFileName(executable)}: {run}", built, watch.Elapsed);
        var decisions = new List<EventDecision>();
        var probes = new List<string>();
        foreach (var line in File.ReadLines(decisionsPath))
        {
            if (line.StartsWith('#'))
                probes.Add(line[2..]);
            else if (EventDecision.TryParse(line, out _, out var decision))
                decisions.Add(decision);
        }
        return new Output(decisions, probes, null, built, watch.Elapsed);
    }

    private static Output Failed(string tool, string error, Stopwatch watch) => new([], [], $"{tool}: {error}", watch.Elapsed, TimeSpan.Zero);

    /// <summary>Runs a tool to completion; null on success, else its exit status and output.</summary>
    private static string? Exec(string file, IEnumerable<string> arguments, string workDir)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var text = (stdout.Result + stderr).Trim();
            // vvp reports a failed $fopen or a usage line on stdout, with status 0.
            var failed = process.ExitCode != 0 || text.Contains("cannot open", StringComparison.Ordinal) || text.Contains("usage:", StringComparison.Ordinal);
            return failed ? string.Create(CultureInfo.InvariantCulture, $"exit {process.ExitCode}: {Tail(text)}") : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run {file}: {e.Message} (is it installed? test.sh installs iverilog and verilator)";
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}
