using System.CommandLine;
using System.Globalization;
using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.Synth;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp synth FILE [--device hx8k|up5k] [--json] [--pcf BOARD.pcf -o OUT.bin] [--work DIR]</c>:
/// the strategy's Verilog in the narrow-pin wrapper through yosys and nextpnr-ice40
/// (hdl-backend/SYNTH.md); prints cells, Fmax, latency and the values built at 64 bits. Exit 0 on a
/// report, 1 when the Verilog target refuses the strategy (SL5xxx), 2 on usage problems or a
/// missing or failing tool (named, with its log).
/// </summary>
internal static class SynthCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("FILE") { Description = "the strategy (.scalp)", Arity = ArgumentArity.ZeroOrOne };
        var unit = new Option<string?>("--unit") { Description = "instead of a strategy, a timing unit alone: div[:N/D/Q/F/R], isqrt[:W/R] or model:PATH.zip (a trained model, pipelined)" };
        var device = new Option<string>("--device") { Description = "hx8k (default, package ct256) or up5k (package sg48)", DefaultValueFactory = _ => "hx8k" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var pcf = new Option<string?>("--pcf") { Description = "the board's pin constraints (with -o: write a bitstream)" };
        var output = new Option<string?>("--output", "-o") { Description = "the bitstream to write (icepack; needs --pcf)" };
        var work = new Option<string?>("--work") { Description = "keep the Verilog, netlist, placed design and logs in this folder" };
        var freq = new Option<double>("--freq") { Description = "target clock in MHz for nextpnr (default 12, the boards' oscillator)", DefaultValueFactory = _ => SynthOptions.DefaultTargetMhz };
        var timeout = new Option<int>("--timeout") { Description = "seconds each tool may run (default 900)", DefaultValueFactory = _ => (int)SynthOptions.DefaultTimeout.TotalSeconds };
        var pipeline = new Option<int>("--pipeline") { Description = "register stages inside the module's evaluation (0..16, default 0)" };
        var interval = new Option<int?>("--interval") { Description = $"the module's record interval R (1..16; default {VerilogOptions.MaxRecordInterval}: the narrow top takes a record over 16 bytes, so R = 16 costs it nothing)" };
        var retime = new Option<bool>("--retime") { Description = "synth_ice40 -retime (abc moves registers)" };
        var abc9 = new Option<bool>("--abc9") { Description = "synth_ice40 -abc9 (timing-driven LUT mapping)" };
        var seed = new Option<int?>("--seed") { Description = "nextpnr's placement seed (0 or more; default: nextpnr's own). Fmax varies with placement: compare designs over several seeds" };
        var core = new Option<string>("--core") { Description = VerilogOptions.CoreDescription, DefaultValueFactory = _ => "parallel" };
        var command = new Command("synth", "Synthesize a strategy for an iCE40 FPGA: LUTs, flip-flops, Fmax, latency; a bitstream with --pcf and -o")
        {
            file, device, json, pcf, output, work, freq, timeout, unit, pipeline, interval, retime, abc9, core, seed,
        };
        command.SetAction(result => Run(new Request(result.GetValue(file), result.GetValue(device)!, result.GetValue(json), result.GetValue(pcf),
            result.GetValue(output), result.GetValue(work), result.GetValue(freq), result.GetValue(timeout), result.GetValue(unit),
            Pipeline: result.GetValue(pipeline), Interval: result.GetValue(interval), Retime: result.GetValue(retime), Abc9: result.GetValue(abc9),
            Core: result.GetValue(core)!, Seed: result.GetValue(seed)), stdout, stderr));
        return command;
    }

    /// <param name="Unit">A timing unit to synthesize instead of a strategy (<see cref="TimingUnitChoice"/>).</param>
    /// <param name="SearchPath">Where to look for the tools (tests); null: PATH.</param>
    /// <param name="Interval">
    /// The module's record interval; null: <see cref="VerilogOptions.MaxRecordInterval"/>, since the
    /// strategy is placed inside the narrow top, whose records take 16 cycles each anyway.
    /// </param>
    /// <param name="Core">parallel or sequential (<see cref="VerilogOptions.Core"/>).</param>
    /// <param name="Seed">nextpnr's placement seed; null: its default.</param>
    public sealed record Request(string? Path, string Device, bool Json, string? Pcf, string? Output, string? Work, double FreqMhz, int TimeoutSeconds,
        string? Unit = null, string? SearchPath = null, int Pipeline = 0, bool Retime = false, bool Abc9 = false, int? Interval = null, string Core = "parallel", int? Seed = null);

    public static int Run(Request request, TextWriter stdout, TextWriter stderr)
    {
        if (Usage(request) is { } problem)
        {
            stderr.WriteLine($"scalp synth: {problem}");
            return ExitCodes.UsageOrIo;
        }
        TimingUnit? unit = null;
        if (request.Unit is { } unitText && (unit = TimingUnitChoice.Parse(unitText, ModelFiles.Reader, out var unitError)) is null)
        {
            stderr.WriteLine($"scalp synth: {unitError}");
            return ExitCodes.UsageOrIo;
        }
        VerilogEmitResult? emitted = null;
        Compiler.Ir.IrProgram? program = null;
        if (unit is null)
        {
            program = SimTape.Lower(request.Path!, stderr, out var exit);
            if (program is null)
                return exit;
            emitted = VerilogBackend.Emit(program, new VerilogOptions(SourceName: System.IO.Path.GetFileName(request.Path), PipelineStages: request.Pipeline,
                RecordInterval: request.Interval ?? VerilogOptions.MaxRecordInterval, Core: VerilogOptions.ParseCore(request.Core, out _)!.Value));
            if (emitted.Module is null)
            {
                BuildCommand.Report(emitted.Diagnostics, stderr);
                return ExitCodes.Errors;
            }
        }
        var scratch = request.Work ?? Directory.CreateTempSubdirectory("scalp-synth-").FullName;
        var keep = request.Work is not null;
        try
        {
            var options = new SynthOptions(IceDevice.Parse(request.Device)!, scratch, request.FreqMhz, request.Pcf, request.Output,
                TimeSpan.FromSeconds(request.TimeoutSeconds), request.SearchPath, request.Retime, request.Abc9, request.Seed);
            var outcome = unit is not null ? SynthFlow.RunUnit(unit, options)
                : SynthFlow.Run(emitted!.ModuleName, emitted.Module!,
                    // The sequential core's words are 64 bits whatever the values: no value forces a width there.
                    request.Core == "sequential" ? [] : FullWidthValues.Find(program!), options);
            if (outcome.Report is not { } report)
            {
                keep |= outcome.LogPath is not null;
                var log = outcome.LogPath is { } l ? $" (log: {l})" : "";
                stderr.WriteLine($"scalp synth: {outcome.Error}{log}");
                return ExitCodes.UsageOrIo;
            }
            stdout.Write(request.Json ? SynthReportText.Json(report) : SynthReportText.Text(report));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp synth: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        finally
        {
            if (!keep && Directory.Exists(scratch))
                Directory.Delete(scratch, recursive: true);
        }
    }

    private static string? Usage(Request r)
    {
        if ((r.Path is null) == (r.Unit is null))
            return "give a strategy FILE or --unit, not both or neither";
        if (IceDevice.Parse(r.Device) is null)
            return $"--device {r.Device} is not known; use hx8k or up5k";
        if (r.Output is not null && r.Pcf is null)
            return "-o writes a bitstream, which needs the board's pins: give --pcf BOARD.pcf";
        if (r.Pcf is not null && !File.Exists(r.Pcf))
            return $"{r.Pcf}: no such file";
        if (!(r.FreqMhz is > 0 and <= 1000))
            return string.Create(CultureInfo.InvariantCulture, $"--freq {r.FreqMhz}: give a clock in MHz above 0 and at most 1000");
        if (VerilogOptions.CheckStagesAndInterval(r.Pipeline, r.Interval ?? VerilogOptions.MaxRecordInterval) is { } wrong)
            return wrong;
        if (r.Pipeline != 0 && r.Unit is not null)
            return "--pipeline applies to a strategy, not to a timing unit";
        if (VerilogOptions.ParseCore(r.Core, out var coreError) is null)
            return coreError;
        if (r.Interval is not null && r.Unit is not null)
            return "--interval applies to a strategy, not to a timing unit";
        if (r.TimeoutSeconds <= 0)
            return $"--timeout {r.TimeoutSeconds}: give a positive number of seconds";
        if (r.Seed is < 0)
            return $"--seed {r.Seed}: give 0 or more";
        return null;
    }
}
