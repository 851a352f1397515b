using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.CoSim;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp sim FILE [--data SPEC] [--simulator iverilog|verilator] [--timings]</c>: builds the strategy as IL
/// and as Verilog, runs both on the same tape and compares their decisions event by event;
/// prints <c>N events, M mismatches</c> and the first mismatch. Exit 0 when they agree, 1 on a
/// mismatch (or a strategy the Verilog target refuses), 2 on usage or I/O problems.
/// </summary>
internal static class SimCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var data = new Option<string>("--data") { Description = "synthetic[:seed=N,events=M] (default), lobster:PATH, tardis:PATH or tape:PATH", DefaultValueFactory = _ => "synthetic" };
        var simulator = new Option<string>("--simulator") { Description = "iverilog (default) or verilator", DefaultValueFactory = _ => "iverilog" };
        var keep = new Option<string?>("--work") { Description = "keep the generated files, tape and simulator output in this folder" };
        var timings = new Option<bool>("--timings") { Description = "also print where the time went, phase by phase" };
        var pipeline = new Option<int>("--pipeline") { Description = "register stages inside the module's evaluation (0..16, default 0)" };
        var interval = new Option<int>("--interval") { Description = "the module's record interval R (1..16, default 1): both testbenches keep in_valid low R - 1 cycles after every record", DefaultValueFactory = _ => 1 };
        var core = new Option<string>("--core") { Description = VerilogOptions.CoreDescription, DefaultValueFactory = _ => "parallel" };
        var command = new Command("sim", "Co-simulate a strategy: IL vs Verilog on one tape, event by event") { file, data, simulator, keep, timings, pipeline, interval, core };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(data)!, result.GetValue(simulator)!, result.GetValue(keep), stdout, stderr,
            result.GetValue(timings), result.GetValue(pipeline), result.GetValue(interval), result.GetValue(core)!));
        return command;
    }

    public static int Run(string path, string data, string simulatorName, string? work, TextWriter stdout, TextWriter stderr, bool timings = false, int pipeline = 0, int interval = 1,
        string core = "parallel")
    {
        if (VerilogOptions.ParseCore(core, out var coreError) is not { } datapath)
        {
            stderr.WriteLine($"scalp sim: {coreError}");
            return ExitCodes.UsageOrIo;
        }
        if (VerilogOptions.CheckStagesAndInterval(pipeline, interval) is { } wrong)
        {
            stderr.WriteLine($"scalp sim: {wrong}");
            return ExitCodes.UsageOrIo;
        }

        var total = Stopwatch.StartNew();
        SimulatorKind kind;
        switch (simulatorName)
        {
            case "iverilog": kind = SimulatorKind.Iverilog; break;
            case "verilator": kind = SimulatorKind.Verilator; break;
            default:
                stderr.WriteLine($"scalp sim: --simulator {simulatorName} is not known; use iverilog or verilator");
                return ExitCodes.UsageOrIo;
        }
        if (!Simulator.IsInstalled(kind))
        {
            stderr.WriteLine($"scalp sim: {simulatorName} is not installed (test.sh installs it: apt-get install {simulatorName})");
            return ExitCodes.UsageOrIo;
        }
        var program = SimTape.Lower(path, stderr, out var exit);
        if (program is null)
            return exit;
        var scratch = work ?? Directory.CreateTempSubdirectory("scalp-sim-").FullName;
        try
        {
            Directory.CreateDirectory(scratch);
            var export = Stopwatch.StartNew();
            var tape = SimTape.Prepare(data, SimTape.InstrumentOf(program), program.BookDepth, scratch, out var error, out var usage);
            if (tape is null)
            {
                stderr.WriteLine($"scalp sim: {error}");
                return usage ? ExitCodes.UsageOrIo : ExitCodes.Errors;
            }
            var exportTime = export.Elapsed;
            var emitted = Backend.Verilog.VerilogBackend.Emit(program);
            if (emitted.Module is null)
            {
                BuildCommand.Report(emitted.Diagnostics, stderr);
                return ExitCodes.Errors;
            }
            var report = CoSimulation.Run(program, tape, kind, scratch, pipelineStages: pipeline, recordInterval: interval, core: datapath);
            if (report.Error is not null)
            {
                stderr.WriteLine($"scalp sim: {report.Error}");
                return report.BadInput ? ExitCodes.UsageOrIo : ExitCodes.Errors;
            }
            stdout.WriteLine(report.Summary);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IL {report.Il.TotalSeconds:F2} s, {simulatorName} build {report.SimulatorBuild.TotalSeconds:F2} s, run {report.SimulatorRun.TotalSeconds:F2} s"));
            if (report.First is { } first)
                stdout.Write(CoSimulation.Describe(first));
            if (timings && report.Phases is { } phases)
                stdout.Write(SimTimings.Format(phases, exportTime, simulatorName, total.Elapsed));
            return report.Mismatches == 0 ? ExitCodes.Success : ExitCodes.Errors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp sim: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        finally
        {
            if (work is null)
                Directory.Delete(scratch, recursive: true);
        }
    }
}
