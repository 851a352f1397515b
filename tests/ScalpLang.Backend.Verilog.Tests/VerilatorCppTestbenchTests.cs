using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Verilator's C++ testbench (binary tape, no --timing), which <c>scalp sim</c> uses, against the
/// generated Verilog testbench (hex tape, $fscanf) that iverilog runs: the same decision lines on a
/// tape with every op kind and every kind of Fill record; parameter overrides as -G flags; and
/// the build cache, reused for the same Verilog and rebuilt when the Verilog changes.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class VerilatorCppTestbenchTests(ITestOutputHelper output)
{
    [Fact]
    public void The_cpp_testbench_writes_the_Verilog_testbenchs_decisions_on_a_tape_with_every_op_kind()
    {
        var program = ExampleVerilogTests.Example("passive_market_maker");
        var dir = Tools.Scratch("cpp-tb");
        var cache = new SimulatorBuildCache(Path.Combine(dir, "cache"));
        var tapePath = Tools.SyntheticTape(dir, 3, 40_000, program.BookDepth);
        var work = Path.Combine(dir, "work");
        var report = CoSimulation.Run(program, tapePath, SimulatorKind.Verilator, work, cache: cache);
        Assert.True(report.Error is null, report.Error);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Assert.True(report.Fills > 0, "no fills: the Fill records went untested");

        // The co-simulation's binary tape, with a trading-status record (the one op the synthetic flow lacks) after the start clock.
        var records = File.ReadAllBytes(Path.Combine(work, "tape.bin")).ToList();
        var status = new byte[TapeRecord.Length];
        new TapeRecord(0, TapeOp.Status, TapeMarks.None, 0, 0, 1).Write(status);
        records.InsertRange(TapeRecord.Length, status);
        var bytes = records.ToArray();
        var ops = Enumerable.Range(0, bytes.Length / TapeRecord.Length).Select(n => (Op: bytes[n * TapeRecord.Length + 4], Marks: bytes[n * TapeRecord.Length + 5])).ToList();
        Assert.Equal(Enumerable.Range(0, FilledTape.FillOp + 1).Select(o => (byte)o), ops.Select(o => o.Op).Distinct().Order());
        Assert.Contains(ops, o => o.Op == FilledTape.FillOp && (o.Marks & FilledTape.AfterMark) == 0);
        Assert.Contains(ops, o => o.Op == FilledTape.FillOp && (o.Marks & FilledTape.AfterMark) != 0 && (o.Marks & (byte)TapeMarks.EndOfEvent) != 0);
        var bin = Path.Combine(dir, "all-ops.bin");
        var hex = Path.Combine(dir, "all-ops.hex");
        File.WriteAllBytes(bin, bytes);
        using (var writer = new StreamWriter(hex) { NewLine = "\n" })
            HexTape.Write(bytes, writer);

        var module = File.ReadAllText(Path.Combine(work, program.Name + ".v"));
        using var tape = TapeFile.Open(tapePath);
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(tape.Header.Depth, CapitalTickLots: HostReference.CapitalTickLots(tape)));
        Assert.Equal(emitted.Module, module);
        var cpp = Simulator.ExecuteVerilatorNative(Path.Combine(dir, "cpp"), program.Name, module, null, bin, cache);
        var verilog = Simulator.Execute(SimulatorKind.Verilator, Path.Combine(dir, "verilog"), program.Name, module, emitted.Testbench!, hex, null, cache);
        var icarus = Simulator.Execute(SimulatorKind.Iverilog, Path.Combine(dir, "icarus"), program.Name, module, emitted.Testbench!, hex, null, cache);
        Assert.True(cpp.Error is null, cpp.Error);
        Assert.True(verilog.Error is null, verilog.Error);
        Assert.True(icarus.Error is null, icarus.Error);
        Assert.True(cpp.CacheHit, "the co-simulation's build of the same module and harness was not reused");
        var lines = File.ReadAllLines(cpp.DecisionsPath);
        output.WriteLine($"{ops.Count} records, {lines.Length} decisions, {lines.Count(l => l.Split(' ')[1] != "0")} acting; {report.Summary}, {report.Fills} fills");
        Assert.True(lines.Length >= report.Evaluations, $"{lines.Length} decisions for {report.Evaluations} evaluations");
        Assert.Equal(File.ReadAllLines(verilog.DecisionsPath), lines);
        Assert.Equal(File.ReadAllLines(icarus.DecisionsPath), lines);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_param_override_reaches_both_sides_in_Verilator_negative_and_boolean_included()
    {
        var program = Strategies.Golden("03-levels-param-and-wrap");
        var dir = Tools.Scratch("cpp-params");
        var tape = Tools.SyntheticTape(dir, 15, 30_000, program.BookDepth);
        var cache = new SimulatorBuildCache(Path.Combine(dir, "cache"));
        // A negative scale takes the -G 64'h path; armed = 0 turns the kill off on both sides.
        var parameters = new Dictionary<string, long> { ["reach"] = 4L << 16, ["scale"] = -3L << 16, ["armed"] = 0 };
        var report = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "work"), parameters, cache: cache);
        Assert.True(report.Error is null, report.Error);
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        var defaults = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "defaults"), cache: cache);
        Assert.True(defaults.Mismatches == 0, defaults.First is { } d ? CoSimulation.Describe(d) : defaults.Summary);
        // The overrides changed what the strategy did, so they reached the module and were not ignored on both sides.
        Assert.NotEqual(defaults.DecisionsActed.Order(), report.DecisionsActed.Order());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void The_build_cache_serves_the_same_Verilog_and_rebuilds_when_it_changes()
    {
        var program = Strategies.Golden("01-book-imbalance");
        var dir = Tools.Scratch("cpp-cache");
        var tape = Tools.SyntheticTape(dir, 16, 20_000, program.BookDepth);
        var cache = new SimulatorBuildCache(Path.Combine(dir, "cache"));
        var first = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "a"), cache: cache);
        var again = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "b"), cache: cache);
        Assert.True(first.Mismatches == 0 && again.Mismatches == 0, first.Summary + "; " + again.Summary);
        Assert.False(first.Phases!.BuildCached);
        Assert.True(again.Phases!.BuildCached);

        // imbalance's numerator is bid depth - ask depth; the changed module adds them. A stale binary would still agree.
        static string Break(string module)
        {
            var line = module.Split('\n').First(l => l.Contains("wire signed [50:0] n2 = n0 - n1;", StringComparison.Ordinal));
            return module.Replace(line, line.Replace(" - ", " + ", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        var changed = CoSimulation.Run(program, tape, SimulatorKind.Verilator, Path.Combine(dir, "c"), transformModule: Break, cache: cache);
        Assert.True(changed.Error is null, changed.Error);
        Assert.False(changed.Phases!.BuildCached);
        Assert.True(changed.Mismatches > 0, changed.Summary);
        // The mismatch report still carries the module's values, from the Verilog testbench.
        Assert.Contains(changed.First!.Probes, p => p.StartsWith("sig_imb ", StringComparison.Ordinal));
        // Two C++ builds (the module, the changed module) and the Verilog testbench's build for the probe dump.
        Assert.Equal(3, Directory.GetFiles(cache.Directory, "*.sim").Length);
        Directory.Delete(dir, recursive: true);
    }
}
