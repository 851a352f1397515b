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
        if (options.PipelineStages is < 0 or > VerilogOptions.MaxPipelineStages)
            throw new ArgumentOutOfRangeException(nameof(options), options.PipelineStages, $"pipeline stages are 0..{VerilogOptions.MaxPipelineStages}");
        if (options.RecordInterval is < 1 or > VerilogOptions.MaxRecordInterval)
            throw new ArgumentOutOfRangeException(nameof(options), options.RecordInterval, $"the record interval is 1..{VerilogOptions.MaxRecordInterval} cycles");
        var writer = new ModuleWriter(program, options, RangeAnalysis.Infer(program, levels));
        var module = writer.Write();
        return new VerilogEmitResult(program.Name, module, TestbenchWriter.Write(program.Name, writer.Probes, writer.DumpSignal, writer.Latency, writer.FinalEvaluation, options.TestbenchParams, options.RecordInterval), writer.Probes, diagnostics);
    }
}
