using System.Collections.Immutable;
using System.Globalization;
using ScalpLang.Backend.Verilog;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// The iCE40 flow of `scalp synth` over a generated strategy module: the narrow-pin wrapper
/// (<see cref="NarrowTop"/>), yosys <c>synth_ice40</c> to a JSON netlist, nextpnr-ice40 (placement,
/// routing, Fmax), icetime's estimate when installed, and icepack for a bitstream. Every tool runs
/// under a time limit with its output in a log in the work folder; a missing or failing tool is
/// an outcome naming the tool and the log, never an exception.
/// </summary>
public static class SynthFlow
{
    public static SynthOutcome Run(string moduleName, string moduleText, ImmutableArray<FullWidthValue> fullWidth, SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(moduleText);
        ArgumentNullException.ThrowIfNull(options);
        if (NarrowTop.ModuleLatency(moduleText) is not { } moduleLatency)
            return SynthOutcome.Failed("scalp", $"the module {moduleName} states no LATENCY", null);
        var top = NarrowTop.TopName(moduleName);
        var outcome = Implement(moduleName, top, [(moduleName, moduleText), (top, NarrowTop.Generate(moduleName, moduleLatency, HostContract.Of(moduleText)))],
            moduleLatency, moduleLatency + NarrowTop.AddedStages, fullWidth, options);
        return outcome.Report is { } report ? outcome with { Report = report with { RecordInterval = RecordIdleContract.IntervalOf(moduleText) } } : outcome;
    }

    /// <summary>A timing unit alone, its ports on pins (it has registered outputs; its inputs feed registers), or its pin wrapper when it has one.</summary>
    public static SynthOutcome RunUnit(TimingUnit unit, SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(options);
        return Implement(unit.ModuleName, unit.PinTop ?? unit.ModuleName, [(unit.ModuleName, unit.Verilog)], unit.Latency, unit.PinLatency ?? unit.Latency, [], options);
    }

    private static SynthOutcome Implement(string name, string top, (string Module, string Text)[] files, int latency, int pinLatency,
        ImmutableArray<FullWidthValue> fullWidth, SynthOptions options)
    {
        var bitstream = options.PcfPath is not null && options.BitstreamPath is not null;
        string[] required = bitstream ? ["yosys", "nextpnr-ice40", "icepack"] : ["yosys", "nextpnr-ice40"];
        var paths = new Dictionary<string, string>();
        foreach (var tool in required)
        {
            if (ExternalTool.Find(tool, options.SearchPath) is not { } found)
                return SynthOutcome.Failed(tool, $"{tool} is not installed (test.sh installs it: apt-get install {ExternalTool.PackageOf(tool)})", null);
            paths[tool] = found;
        }
        var work = options.WorkDir;
        Directory.CreateDirectory(work);
        foreach (var (module, text) in files)
            File.WriteAllText(Path.Combine(work, module + ".v"), text);
        var timeout = options.Timeout ?? SynthOptions.DefaultTimeout;
        var device = options.Device;

        var yosysLog = Path.Combine(work, "yosys.log");
        File.WriteAllText(yosysLog, "");
        var yosys = ExternalTool.Run(paths["yosys"],
            ["-p", $"read_verilog {string.Join(' ', files.Select(f => f.Module + ".v"))}; synth_ice40 -top {top}{(options.Retime ? " -retime" : "")}{(options.Abc9 ? " -abc9" : "")} -json {top}.json"], work, yosysLog, timeout);
        if (Failure("yosys", yosys, yosysLog, timeout) is { } yosysFailed)
            return yosysFailed;
        if (YosysStatistics.Parse(yosys.Output) is not { } cells)
            return SynthOutcome.Failed("yosys", "its log has no cell statistics", yosysLog);

        var pnrLog = Path.Combine(work, "nextpnr.log");
        File.WriteAllText(pnrLog, "");
        List<string> pnrArguments = [$"--{device.Name}", "--package", device.Package, "--json", $"{top}.json", "--asc", $"{top}.asc",
            "--freq", options.TargetMhz.ToString("0.###", CultureInfo.InvariantCulture)];
        if (options.Seed is { } seed)
            pnrArguments.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        if (options.PcfPath is { } pcf)
            pnrArguments.AddRange(["--pcf", Path.GetFullPath(pcf)]);
        else
            pnrArguments.AddRange(["--timing-allow-fail", "--pcf-allow-unconstrained"]);
        var nextpnr = ExternalTool.Run(paths["nextpnr-ice40"], pnrArguments, work, pnrLog, timeout);
        var placement = NextpnrResult.Parse(nextpnr.Output);
        if (!nextpnr.TimedOut && nextpnr.Exit != 0 && placement.TimingMet == false)
            return SynthOutcome.Failed("nextpnr-ice40", string.Create(CultureInfo.InvariantCulture,
                $"timing not met: Fmax {placement.FmaxMhz:F2} MHz is below the target --freq {options.TargetMhz} MHz"), pnrLog);
        if (Failure("nextpnr-ice40", nextpnr, pnrLog, timeout) is { } pnrFailed)
            return pnrFailed;

        double? icetimeMhz = null;
        if (ExternalTool.Find("icetime", options.SearchPath) is { } icetime)
        {
            var timeLog = Path.Combine(work, "icetime.log");
            File.WriteAllText(timeLog, "");
            var run = ExternalTool.Run(icetime, ["-d", device.Name, "-P", device.Package, "-t", $"{top}.asc"], work, timeLog, timeout);
            icetimeMhz = run.Exit == 0 ? IcetimeResult.ParseMhz(run.Output) : null;
        }

        string? written = null;
        if (bitstream)
        {
            var packLog = Path.Combine(work, "icepack.log");
            File.WriteAllText(packLog, "");
            written = Path.GetFullPath(options.BitstreamPath!);
            var pack = ExternalTool.Run(paths["icepack"], [$"{top}.asc", written], work, packLog, timeout);
            if (Failure("icepack", pack, packLog, timeout) is { } packFailed)
                return packFailed;
        }

        return new SynthOutcome(new SynthReport(name, top, device, device.Package, cells, placement, icetimeMhz, options.TargetMhz,
            latency, pinLatency, fullWidth, yosys.Elapsed, nextpnr.Elapsed, written), null, null, null);
    }

    private static SynthOutcome? Failure(string tool, ToolRun run, string log, TimeSpan timeout)
    {
        if (run.TimedOut)
            return SynthOutcome.Failed(tool, string.Create(CultureInfo.InvariantCulture, $"{tool} did not finish within {timeout.TotalSeconds:F0} s and was stopped"), log);
        if (run.Exit == 0)
            return null;
        var error = run.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("ERROR", StringComparison.Ordinal))
            ?? run.Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "no output";
        return SynthOutcome.Failed(tool, string.Create(CultureInfo.InvariantCulture, $"{tool} failed (exit {run.Exit}): {error}"), log);
    }
}
