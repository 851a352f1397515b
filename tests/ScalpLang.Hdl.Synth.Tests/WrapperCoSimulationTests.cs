using ScalpLang.Backend.Verilog;
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
        var emitted = VerilogBackend.Emit(program);
        Assert.NotNull(emitted.Module);
        var latency = NarrowTop.ModuleLatency(emitted.Module!);
        Assert.NotNull(latency);
        var dir = Repo.Scratch("wrapper");
        var hex = HexTapeOf(dir, seed, program.BookDepth);

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
        Assert.True(bare.Decisions.Count > 1000, $"only {bare.Decisions.Count} events");
        Assert.Contains(bare.Decisions, d => d.Action != 0);
        Assert.Equal(bare.Decisions.Count, decisions.Count);
        for (var i = 0; i < decisions.Count; i++)
            Assert.True(bare.Decisions[i] == decisions[i], $"event {i}: module {bare.Decisions[i]}, wrapped {decisions[i]}");
        Directory.Delete(dir, recursive: true);
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
