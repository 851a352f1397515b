using System.Collections.Immutable;
using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Phase 4 for the FPGA target: IR -> one synthesizable Verilog-2005 module per strategy and its
/// testbench (DESIGN.md §4, hdl-backend/README.md). A pure function over the IR: what this
/// milestone cannot build is refused with SL5xxx diagnostics and no text.
/// </summary>
public static class VerilogBackend
{
    /// <summary>The module's input contract: in_valid stays low this many cycles after a Clock record (op 5), while the windows' bucket clocks divide its delta.</summary>
    public const int ClockRecordIdleCycles = BucketClocks.IdleCycles;

    /// <summary>The module's input contract: in_valid stays low this many cycles after a Fill record (op 6), while the portfolio applies it.</summary>
    public const int FillRecordIdleCycles = PortfolioFillEngine.IdleCycles;

    public static VerilogEmitResult Emit(IrProgram program, VerilogOptions? options = null)
    {
        options ??= VerilogOptions.Default;
        var diagnostics = Synthesizability.Check(program);
        if (diagnostics.Any(d => d.IsError))
            return new VerilogEmitResult(program.Name, null, null, [], diagnostics);
        var levels = options.BookLevels ?? program.BookDepth;
        if (levels is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(options), levels, "the book holds 1..64 levels per side (docs/tape.md)");
        if (options.Core == HdlCore.Sequential)
            return EmitSequential(program, options, levels, diagnostics);
        if (options.PipelineStages is < 0 or > VerilogOptions.MaxPipelineStages)
            throw new ArgumentOutOfRangeException(nameof(options), options.PipelineStages, $"pipeline stages are 0..{VerilogOptions.MaxPipelineStages}");
        if (options.RecordInterval is < 1 or > VerilogOptions.MaxRecordInterval)
            throw new ArgumentOutOfRangeException(nameof(options), options.RecordInterval, $"the record interval is 1..{VerilogOptions.MaxRecordInterval} cycles");
        var writer = new ModuleWriter(program, options, RangeAnalysis.Infer(program, levels));
        var module = writer.Write();
        return new VerilogEmitResult(program.Name, module, TestbenchWriter.Write(program.Name, writer.Probes, writer.DumpSignal, writer.Latency, writer.FinalEvaluation, options.TestbenchParams, options.RecordInterval), writer.Probes, diagnostics);
    }

    /// <summary>The strategy as a sequential-core program in a module with the parallel one's ports (SequentialModuleWriter).</summary>
    private static VerilogEmitResult EmitSequential(IrProgram program, VerilogOptions options, int levels, ImmutableArray<Diagnostic> diagnostics)
    {
        var refusal = SequentialStrategy.RefusalOf(program);
        if (refusal is null && options.TestbenchParams is { Count: > 0 } overrides)
        {
            var structural = SequentialStrategy.StructuralParams(program);
            for (var p = 0; p < program.Params.Length && refusal is null; p++)
            {
                if (structural.Contains(p) && overrides.ContainsKey(program.Params[p].Name))
                    refusal = ($"param '{program.Params[p].Name}' is built into the sequential core's program (a depth's or a window's levels, a window's length): it cannot be overridden, only rebuilt", program.Location);
            }
        }
        MicroProgram? micro = null;
        MicroTiming.Bounds bounds = default;
        if (refusal is null)
        {
            try
            {
                micro = SequentialStrategy.Compile(program, levels, out _, options.CapitalTickLots)!;
                bounds = MicroTiming.Of(micro);
            }
            catch (InvalidOperationException e)
            {
                // The register file is full, or the program loops where the latency needs a bound.
                refusal = (e.Message, program.Location);
            }
        }
        if (refusal is { } r)
        {
            var bag = new DiagnosticBag();
            bag.Report(DiagnosticDescriptors.VerilogSequentialUnsupported, r.Where, r.Why);
            return new VerilogEmitResult(program.Name, null, null, [], [.. diagnostics, .. bag.ToImmutable()]);
        }
        var module = SequentialModuleWriter.Write(program, micro!, levels, options.SourceName ?? Path.GetFileName(program.Location.Source.Path));
        var timing = SequentialModuleWriter.TimingOf(bounds);
        var testbench = TestbenchWriter.Write(program.Name, [], _ => "", timing.Latency, "eval_final", options.TestbenchParams, timing.RecordInterval, timing.ResetIdle);
        return new VerilogEmitResult(program.Name, module, testbench, [], diagnostics);
    }
}
