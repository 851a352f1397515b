using ScalpLang.Backend.Verilog;
using ScalpLang.Compiler.Ir;
using ScalpLang.Backtest;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>
/// The narrow-pin wrapper changes nothing but latency: the same tape through the bare module (its
/// own testbench) and through the wrapper (bytes in, frames out, with idle gaps between bytes)
/// gives the same decision for every event, and the first frame comes the stated LATENCY after
/// the event's last byte.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class WrapperCoSimulationTests
{
    [Theory]
    [InlineData("01-book-imbalance", 11)]
    [InlineData("02-trade-follow", 12)]
    [InlineData("03-levels-param-and-wrap", 13)]
    [InlineData("04-windows", 14)]   // bucket clocks: the host leaves the idle cycles after the start Clock record
    public void Wrapped_module_takes_the_bare_modules_decisions(string golden, int seed)
    {
        var program = Repo.Lower(Repo.Golden(golden));
        var dir = Repo.Scratch("wrapper");
        AssertWrappedAgrees(program, HexTapeOf(dir, seed, program.BookDepth), dir, minEvents: 1000);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Trades often, with an exit: the co-simulation's tape carries many Fill records, EndOfEvent ones among them.</summary>
    private const string Swing = """
        strategy Swing_wrapped
        instrument "GOOG" tick 0.01 lot 1 currency USD
        book depth 2
        rule open priority 3 when position == 0 => buy 3 lots at market
        rule down priority 2 when position > 0 and entry_price > 0 => sell 6 lots at market
        rule up   priority 1 when position < 0 => buy 6 lots at market
        exit stop_loss 3 ticks
        risk max_position 3 lots
        risk max_orders 3 per 1s
        """;

    /// <summary>
    /// With Fill records (the IL host's fills, as the co-simulation writes them): the host leaves
    /// the contract's idle cycles after each (HostContract: the module's FILL_IDLE, and the fill's
    /// frame out before the next one), and the wrapped module still takes the bare module's decisions.
    /// </summary>
    [Theory]
    [InlineData(1)]
    // RECORD_INTERVAL = 16 with a drawdown breaker (its suffix maxima folded): the host also owes the
    // interval after a Fill record's deferred evaluation (HostContract), and the module's check would stop the run.
    [InlineData(16)]
    public void Wrapped_module_with_fills_takes_the_bare_modules_decisions(int interval)
    {
        var dir = Repo.Scratch("wrapper-fills");
        var source = Path.Combine(dir, "swing.scalp");
        File.WriteAllText(source, interval == 1 ? Swing : Swing + "\nrisk circuit_breaker when drawdown(window: 1s) >= 0.01% => kill\n");
        var program = Repo.Lower(source);
        var tape = Path.Combine(dir, "synthetic.tape");
        Assert.True(DataSpec.TryParse("synthetic:seed=15,events=3000", out var data, out var specError), specError);
        Assert.NotNull(TapeExport.Write(data, null, tape, program.BookDepth, out var error) ?? throw new InvalidOperationException(error));
        var work = Path.Combine(dir, "cosim");
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, work, recordInterval: interval);
        Assert.True(report.Error is null && report.Mismatches == 0, report.Error ?? report.Summary);
        var hex = Path.Combine(work, "tape.hex");
        // The op is the record's fifth byte: hex digits 22..23 of the line (size, price, aux, marks, op, delta).
        var fills = File.ReadLines(hex).Where(l => l.Length == 32 && l.Substring(22, 2) == "06").ToList();
        Assert.True(fills.Count >= 20, $"only {fills.Count} Fill records");
        Assert.Contains(fills, l => (Convert.ToInt32(l.Substring(20, 2), 16) & 1) != 0);
        AssertWrappedAgrees(program, hex, dir, minEvents: 500, interval);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>The same tape through the bare module and through the wrapper: the same decision per event, the first after the stated latency.</summary>
    private static void AssertWrappedAgrees(IrProgram program, string hex, string dir, int minEvents, int interval = 1)
    {
        var emitted = VerilogBackend.Emit(program, new VerilogOptions(RecordInterval: interval));
        Assert.NotNull(emitted.Module);
        var latency = NarrowTop.ModuleLatency(emitted.Module!);
        Assert.NotNull(latency);

        var bare = Simulator.Run(SimulatorKind.Iverilog, Path.Combine(dir, "bare"), emitted.ModuleName, emitted.Module!, emitted.Testbench!, hex);
        Assert.Null(bare.Error);

        var wrapped = Path.Combine(dir, "wrapped");
        Directory.CreateDirectory(wrapped);
        File.WriteAllText(Path.Combine(wrapped, "m.v"), emitted.Module);
        File.WriteAllText(Path.Combine(wrapped, "top.v"), NarrowTop.Generate(emitted.ModuleName, latency.Value, HostContract.Of(emitted.Module!)));
        File.WriteAllText(Path.Combine(wrapped, "tb.v"), NarrowTopTestbench.Generate(emitted.ModuleName, latency.Value, HostContract.Of(emitted.Module!)));
        var (exit, log) = Repo.Run("iverilog", wrapped, "-g2005", "-o", "sim.vvp", "-s", NarrowTop.TopName(emitted.ModuleName) + "_tb", "m.v", "top.v", "tb.v");
        Assert.True(exit == 0, log);
        (exit, log) = Repo.Run("vvp", wrapped, "-n", "sim.vvp", $"+tape={hex}", "+out=decisions.txt", "+gaps");
        Assert.True(exit == 0, log);
        var lines = File.ReadAllLines(Path.Combine(wrapped, "decisions.txt"));

        Assert.Equal($"# latency {latency.Value + NarrowTop.AddedStages}", lines[0]);
        var decisions = new List<EventDecision>();
        foreach (var line in lines.Skip(1))
        {
            Assert.True(EventDecision.TryParse(line, out _, out var decision), line);
            decisions.Add(decision);
        }
        Assert.True(bare.Decisions.Count > minEvents, $"only {bare.Decisions.Count} events");
        Assert.Contains(bare.Decisions, d => d.Action != 0);
        Assert.Equal(bare.Decisions.Count, decisions.Count);
        for (var i = 0; i < decisions.Count; i++)
            Assert.True(bare.Decisions[i] == decisions[i], $"event {i}: module {bare.Decisions[i]}, wrapped {decisions[i]}");
    }

    private static string HexTapeOf(string dir, int seed, int depth)
    {
        var tape = Path.Combine(dir, "synthetic.tape");
        Assert.True(DataSpec.TryParse($"synthetic:seed={seed},events=12000", out var data, out var specError), specError);
        Assert.NotNull(TapeExport.Write(data, null, tape, depth, out var error) ?? throw new InvalidOperationException(error));
        var hex = Path.Combine(dir, "tape.hex");
        using var file = TapeFile.Open(tape);
        HexTape.Write(file, hex);
        return hex;
    }
}
