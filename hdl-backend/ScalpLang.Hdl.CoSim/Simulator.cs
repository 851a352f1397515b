using System.Diagnostics;
using System.Globalization;
using ScalpLang.Backend.Verilog;

namespace ScalpLang.Hdl.CoSim;

public enum SimulatorKind
{
    Iverilog,
    Verilator,
}

/// <summary>
/// Compiles a module and a testbench with Icarus Verilog (<c>iverilog -g2005</c> + <c>vvp</c>) or
/// Verilator in a work folder and runs it on a tape. Two testbenches: the generated Verilog one
/// (hex tape, <c>$fscanf</c>; iverilog, and Verilator with <c>--timing</c>, which also serves the
/// probe dump), and for Verilator the C++ one (<see cref="VerilatorHarness"/>: binary tape, no
/// <c>--timing</c>), which <see cref="CoSimulation"/> uses for speed. Verilator builds are kept in
/// a <see cref="SimulatorBuildCache"/> by the hash of the sources, flags and Verilator's version.
/// </summary>
public static class Simulator
{
    public sealed record Output(List<EventDecision> Decisions, List<string> Probes, string? Error, TimeSpan Build, TimeSpan Run);

    /// <summary>A finished run: the decision lines are in <paramref name="DecisionsPath"/>.</summary>
    /// <param name="CacheHit">The Verilator build came from the cache.</param>
    public sealed record Execution(string DecisionsPath, string? Error, TimeSpan Build, TimeSpan Run, bool CacheHit);

    /// <summary>Verilator's options for both testbenches: no X propagation work, no assertions, both cores for the C++ build.</summary>
    private static readonly string[] VerilatorSpeed = ["-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert", "-j", "2", "-Wno-fatal", "-Wno-lint", "-Wno-style"];

    public static bool IsInstalled(SimulatorKind kind) => FindOnPath(kind == SimulatorKind.Iverilog ? "iverilog" : "verilator") is not null;

    /// <summary>The Verilog testbench on a hex tape; decisions and probes read back into lists.</summary>
    public static Output Run(SimulatorKind kind, string workDir, string moduleName, string module, string testbench, string hexTape, long? dumpEvent = null,
        SimulatorBuildCache? cache = null)
    {
        var run = Execute(kind, workDir, moduleName, module, testbench, hexTape, dumpEvent, cache ?? SimulatorBuildCache.Default);
        if (run.Error is not null)
            return new Output([], [], run.Error, run.Build, run.Run);
        var decisions = new List<EventDecision>();
        var probes = new List<string>();
        foreach (var line in File.ReadLines(run.DecisionsPath))
        {
            if (line.StartsWith('#'))
                probes.Add(line[2..]);
            else if (EventDecision.TryParse(line, out _, out var decision))
                decisions.Add(decision);
        }
        return new Output(decisions, probes, null, run.Build, run.Run);
    }

    /// <summary>The Verilog testbench on a hex tape (iverilog, or Verilator with <c>--timing</c>).</summary>
    public static Execution Execute(SimulatorKind kind, string workDir, string moduleName, string module, string testbench, string hexTape, long? dumpEvent,
        SimulatorBuildCache cache)
    {
        Directory.CreateDirectory(workDir);
        var modulePath = Path.Combine(workDir, moduleName + ".v");
        var testbenchPath = Path.Combine(workDir, moduleName + "_tb.v");
        // The same sources in the same folder reuse the build (iverilog's image; Verilator's comes from the cache).
        var unchanged = File.Exists(modulePath) && File.ReadAllText(modulePath) == module
            && File.Exists(testbenchPath) && File.ReadAllText(testbenchPath) == testbench;
        File.WriteAllText(modulePath, module);
        File.WriteAllText(testbenchPath, testbench);
        var decisionsPath = Path.Combine(workDir, "decisions.txt");
        var watch = Stopwatch.StartNew();
        string executable;
        var cacheHit = false;
        if (kind == SimulatorKind.Iverilog)
        {
            var image = Path.Combine(workDir, "sim.vvp");
            var build = unchanged && File.Exists(image) ? null : Exec("iverilog", ["-g2005", "-o", image, "-s", moduleName + "_tb", modulePath, testbenchPath], workDir);
            if (build is not null)
                return Failed("iverilog", build, decisionsPath, watch);
            executable = "vvp";
        }
        else
        {
            string[] arguments = ["--binary", "--timing", .. VerilatorSpeed, "--top-module", moduleName + "_tb"];
            var built = BuildVerilator(workDir, arguments, [(moduleName + ".v", module), (moduleName + "_tb.v", testbench)], [modulePath, testbenchPath], cache);
            if (built.Error is not null)
                return Failed("verilator", built.Error, decisionsPath, watch);
            (executable, cacheHit) = (built.Executable!, built.CacheHit);
        }
        var buildTime = watch.Elapsed;
        watch.Restart();
        List<string> runArguments = kind == SimulatorKind.Iverilog ? ["-n", Path.Combine(workDir, "sim.vvp")] : [];
        runArguments.AddRange([$"+tape={hexTape}", $"+out={decisionsPath}"]);
        if (dumpEvent is { } n)
            runArguments.Add(string.Create(CultureInfo.InvariantCulture, $"+dump={n}"));
        var run = Exec(executable, runArguments, workDir);
        var error = run is null ? null : $"{Path.GetFileName(executable)}: {run}";
        return new Execution(decisionsPath, error, buildTime, watch.Elapsed, cacheHit);
    }

    /// <summary>
    /// Verilator with the C++ testbench on a binary tape: the module is the top, parameter overrides
    /// go in as <c>-G</c> (the Verilog testbench's <c>#(...)</c>), the decisions are the same lines.
    /// </summary>
    public static Execution ExecuteVerilatorNative(string workDir, string moduleName, string module, IReadOnlyDictionary<string, long>? parameters,
        string binaryTape, SimulatorBuildCache cache)
    {
        Directory.CreateDirectory(workDir);
        var modulePath = Path.Combine(workDir, moduleName + ".v");
        var harnessPath = Path.Combine(workDir, moduleName + "_tb.cpp");
        var harness = VerilatorHarness.Write(moduleName, RecordIdleContract.IntervalOf(module), RecordIdleContract.ResetIdleOf(module));
        File.WriteAllText(modulePath, module);
        File.WriteAllText(harnessPath, harness);
        var decisionsPath = Path.Combine(workDir, "decisions.txt");
        var watch = Stopwatch.StartNew();
        string[] arguments = ["--cc", "--exe", "--build", .. VerilatorSpeed, .. Overrides(parameters), "--top-module", moduleName];
        var built = BuildVerilator(workDir, arguments, [(moduleName + ".v", module), (moduleName + "_tb.cpp", harness)], [modulePath, harnessPath], cache);
        if (built.Error is not null)
            return Failed("verilator", built.Error, decisionsPath, watch);
        var buildTime = watch.Elapsed;
        watch.Restart();
        var run = Exec(built.Executable!, [$"+tape={binaryTape}", $"+out={decisionsPath}"], workDir);
        var error = run is null ? null : $"{Path.GetFileName(built.Executable)}: {run}";
        return new Execution(decisionsPath, error, buildTime, watch.Elapsed, built.CacheHit);
    }

    /// <summary>
    /// <c>-Gp_NAME=VALUE</c> per override: a plain decimal when it fits 31 bits (so a one-bit
    /// flag parameter takes it without a width change), else the 64-bit two's complement pattern.
    /// </summary>
    public static IEnumerable<string> Overrides(IReadOnlyDictionary<string, long>? parameters) =>
        (parameters ?? new Dictionary<string, long>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            p.Value is >= 0 and <= int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"-Gp_{p.Key}={p.Value}")
                : string.Create(CultureInfo.InvariantCulture, $"-Gp_{p.Key}=64'h{(ulong)p.Value:x16}"));

    private sealed record Build(string? Executable, string? Error, bool CacheHit);

    /// <summary>A cached executable for these sources and flags, else a build in workDir/obj_dir installed into the cache.</summary>
    private static Build BuildVerilator(string workDir, string[] arguments, (string Name, string Text)[] sources, string[] paths, SimulatorBuildCache cache)
    {
        var version = SimulatorBuildCache.ToolVersion("verilator");
        if (version is null)
            return new Build(null, "cannot run verilator --version (is it installed? test.sh installs it)", false);
        var key = SimulatorBuildCache.Key(version, arguments, sources);
        if (cache.Find(key) is { } cached)
            return new Build(cached, null, true);
        var objDir = Path.Combine(workDir, "obj_dir");
        var error = Exec("verilator", [.. arguments, "--Mdir", objDir, "-o", "sim", .. paths], workDir);
        if (error is not null)
            return new Build(null, error, false);
        var executable = Path.Combine(objDir, "sim");
        try
        {
            return new Build(cache.Install(key, executable), null, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unwritable cache costs the next run a build, not this run its result.
            return new Build(executable, null, false);
        }
    }

    private static Execution Failed(string tool, string error, string decisionsPath, Stopwatch watch) =>
        new(decisionsPath, $"{tool}: {error}", watch.Elapsed, TimeSpan.Zero, false);

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
            // vvp reports a failed $fopen or a usage line on stdout, with status 0; a module's input
            // contract check (CLOCK_IDLE, POSITION_BOUND) prints an ERROR: line and stops the run.
            var failed = process.ExitCode != 0 || text.Contains("cannot open", StringComparison.Ordinal) || text.Contains("usage:", StringComparison.Ordinal)
                || text.Contains("ERROR:", StringComparison.Ordinal);
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
