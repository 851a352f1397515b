using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScalpLang.Backend.Il;
using ScalpLang.Backend.Verilog;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// <c>scalp sim</c>'s engine: the strategy compiled to IL and to Verilog, both run on one tape,
/// their decisions compared event by event. The module's book is as deep as the tape (see
/// <see cref="VerilogOptions.BookLevels"/>). On a mismatch the simulation runs once more and
/// dumps the module's named values at the first mismatching event.
/// </summary>
public static class CoSimulation
{
    /// <param name="Evaluation">The evaluation's index (one per event, two when our own fill re-evaluated it).</param>
    /// <param name="Event">The tape event it belongs to.</param>
    public sealed record Mismatch(long Evaluation, long Event, IReadOnlyList<string> Records, EventDecision Il, EventDecision Verilog, IReadOnlyList<string> Probes);

    /// <param name="BadInput">The error is the input's (an unreadable or too shallow tape), not the tools'.</param>
    public sealed record Report(long Events, long Mismatches, Mismatch? First, string? Error, TimeSpan Il, TimeSpan SimulatorBuild, TimeSpan SimulatorRun,
        bool BadInput = false)
    {
        /// <summary>Events on which the IL took a decision (not "none"): how much of the run exercised the decisions.</summary>
        public long Acted { get; init; }

        /// <summary>Decisions compared: one per tape event, and one more for each re-evaluation after our own fill.</summary>
        public long Evaluations { get; init; }

        /// <summary>The host's fills the tape carried to the module.</summary>
        public long Fills { get; init; }

        /// <summary>The decision indices that acted on some event (IL side): which decisions the run exercised.</summary>
        public IReadOnlySet<int> DecisionsActed { get; init; } = new HashSet<int>();

        /// <summary>Where the time went (<c>scalp sim --timings</c>); null when the run stopped early.</summary>
        public Timings? Phases { get; init; }

        public string Summary => string.Create(CultureInfo.InvariantCulture, $"{Events} events, {Mismatches} mismatches");
    }

    /// <param name="transformModule">Test hook: edits the module text before simulation (a deliberately broken variant).</param>
    /// <param name="cache">Where Verilator builds are kept (default: <see cref="SimulatorBuildCache.Default"/>).</param>
    /// <param name="pipelineStages">The module's added pipeline stages (VerilogOptions.PipelineStages).</param>
    /// <param name="recordInterval">The module's record interval (VerilogOptions.RecordInterval); both testbenches honour it.</param>
    /// <param name="core">The module's datapath (VerilogOptions.Core).</param>
    public static Report Run(IrProgram program, string tapePath, SimulatorKind simulator, string workDir,
        IReadOnlyDictionary<string, long>? parameters = null, Func<string, string>? transformModule = null, SimulatorBuildCache? cache = null,
        int pipelineStages = 0, int recordInterval = 1, HdlCore core = HdlCore.Parallel)
    {
        using var tape = OpenTape(tapePath, out var tapeError);
        if (tape is null)
            return Failed(tapeError!) with { BadInput = true };
        if (tape.Header.Depth < program.BookDepth)
        {
            // The view would read levels the tape never fills; both sides would agree on nonsense.
            return Failed($"{tapePath}: the tape has {tape.Header.Depth} levels per side, fewer than the strategy's book depth {program.BookDepth}; write it with --depth {program.BookDepth}") with { BadInput = true };
        }
        var emitWatch = Stopwatch.StartNew();
        var capital = HostReference.CapitalTickLots(tape);
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(tape.Header.Depth, TestbenchParams: parameters, CapitalTickLots: capital, PipelineStages: pipelineStages, RecordInterval: recordInterval, Core: core));
        if (emitted.Module is null || emitted.Testbench is null)
            return Failed("the Verilog target refused the strategy: " + string.Join("; ", emitted.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
        var il = IlBackend.Emit(program);
        if (il.Image is null)
            return Failed("the IL backend refused the strategy: " + string.Join("; ", il.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
        var emitTime = emitWatch.Elapsed;

        var ilWatch = Stopwatch.StartNew();
        var (strategy, context) = StrategyLoader.Load(il.Image, il.TypeName);
        HostReference.Run reference;
        try
        {
            foreach (var (name, raw) in parameters ?? new Dictionary<string, long>())
                strategy.SetParameter(name, raw);
            strategy.Start();
            reference = HostReference.Replay(strategy, tape);
        }
        finally
        {
            context.Unload();
        }
        var ilTime = ilWatch.Elapsed;
        if (reference.Error is not null)
            return Failed(reference.Error) with { BadInput = true };

        Directory.CreateDirectory(workDir);
        var module = transformModule is null ? emitted.Module : transformModule(emitted.Module);
        cache ??= SimulatorBuildCache.Default;
        var phase = Stopwatch.StartNew();
        var hex = Path.Combine(workDir, "tape.hex");
        string? binary = null;
        // Verilator runs the C++ testbench on the binary tape; iverilog the Verilog one on hex lines.
        if (simulator == SimulatorKind.Verilator)
            FilledTape.WriteBinary(tape, reference, binary = Path.Combine(workDir, "tape.bin"));
        else
            HexTape.WriteWithFills(tape, reference, hex);
        var tapeTime = phase.Elapsed;
        var sim = binary is not null
            ? Simulator.ExecuteVerilatorNative(workDir, emitted.ModuleName, module, parameters, binary, cache)
            : Simulator.Execute(simulator, workDir, emitted.ModuleName, module, emitted.Testbench, hex, null, cache);
        if (sim.Error is not null)
            return Failed(sim.Error) with { Il = ilTime };

        phase.Restart();
        var compared = DecisionComparison.Compare(reference.Decisions, sim.DecisionsPath);
        var compareTime = phase.Elapsed;
        long events = reference.Decisions.Count; // evaluations: one per tape event, two when our own fill re-evaluated it
        var first = compared.First;
        Mismatch? detail = null;
        if (first >= 0)
        {
            // The probes come from the Verilog testbench (it reads the module's internal wires), on the hex tape.
            if (binary is not null)
                HexTape.WriteWithFills(tape, reference, hex);
            var probes = Simulator.Run(simulator, Path.Combine(workDir, "dump"), emitted.ModuleName, module, emitted.Testbench, hex, first, cache).Probes;
            var eventIndex = first < reference.EvaluationEvents.Count ? reference.EvaluationEvents[(int)first] : reference.Events.Count;
            detail = new Mismatch(first, eventIndex, RecordsOf(tape, EventStartsOf(tape.Records), eventIndex),
                first < events ? reference.Decisions[(int)first] : default,
                compared.SimulatedAtFirst ?? default, probes);
        }
        var fills = 0L;
        var acted = 0L;
        var decisionsActed = new HashSet<int>();
        foreach (var e in reference.Events)
            fills += e.Before.Count + e.After.Count + e.AfterReevaluation.Count;
        foreach (var d in reference.Decisions)
        {
            if (d.Action == ActionCodes.None)
                continue;
            acted++;
            decisionsActed.Add(d.Decision);
        }
        return new Report(reference.Events.Count, compared.Mismatches, detail, null, ilTime, sim.Build, sim.Run)
        {
            Evaluations = events,
            Fills = fills,
            Acted = acted,
            DecisionsActed = decisionsActed,
            Phases = new Timings(emitTime, ilTime, tapeTime, sim.Build, sim.CacheHit, sim.Run, compareTime),
        };
    }

    /// <param name="Emit">Verilog and IL code generation.</param>
    /// <param name="Il">The IL host's replay of the tape.</param>
    /// <param name="TapeWrite">The simulator's tape with the host's fills (binary for Verilator, hex for iverilog).</param>
    /// <param name="BuildCached">The Verilator build came from the build cache.</param>
    /// <param name="Compare">Reading the simulator's decisions and comparing them with the host's.</param>
    public sealed record Timings(TimeSpan Emit, TimeSpan Il, TimeSpan TapeWrite, TimeSpan SimulatorBuild, bool BuildCached, TimeSpan SimulatorRun, TimeSpan Compare);

    public static string Describe(Mismatch m)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"first mismatch at evaluation {m.Evaluation} (tape event {m.Event}):\n");
        foreach (var record in m.Records)
            sb.Append("  record ").Append(record).Append('\n');
        sb.Append("  IL:      ").Append(m.Il).Append('\n');
        sb.Append("  Verilog: ").Append(m.Verilog).Append('\n');
        if (m.Probes.Count > 0)
        {
            sb.Append("  module values at that event:\n");
            foreach (var probe in m.Probes)
                sb.Append("    ").Append(probe).Append('\n');
        }
        return sb.ToString();
    }

    private static TapeFile? OpenTape(string path, out string? error)
    {
        error = null;
        try
        {
            return TapeFile.Open(path);
        }
        catch (TapeException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The index of each event's first record (the one after the previous EndOfEvent).</summary>
    private static List<long> EventStartsOf(ReadOnlySpan<byte> records)
    {
        var starts = new List<long>();
        var next = 0L;
        for (var n = 0; n < records.Length / TapeRecord.Length; n++)
        {
            if (((TapeMarks)records[n * TapeRecord.Length + 5] & TapeMarks.EndOfEvent) != 0)
            {
                starts.Add(next);
                next = n + 1;
            }
        }
        return starts;
    }

    private static List<string> RecordsOf(TapeFile tape, List<long> starts, long index)
    {
        if (index >= starts.Count)
            return [];
        var end = index + 1 < starts.Count ? starts[(int)index + 1] : tape.Records.Length / TapeRecord.Length;
        var lines = new List<string>();
        for (var n = starts[(int)index]; n < end; n++)
        {
            var r = TapeRecord.Read(tape.Records.Slice((int)n * TapeRecord.Length, TapeRecord.Length));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{n}: {r.Op} level/aux {r.Aux} price {r.Price} size {r.Size} marks {r.Flags} (+{r.TimeDelta} ns)"));
        }
        return lines;
    }

    private static Report Failed(string error) => new(0, 0, null, error, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
