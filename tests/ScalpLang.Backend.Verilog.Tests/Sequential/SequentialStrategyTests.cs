using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// Whole strategies as one sequential-core program (SequentialStrategy) take the IL's decisions:
/// the golden book strategies on the synthetic tape with the host's fills (the records `scalp sim`
/// feeds the module), evaluation by evaluation, in the machine. A strategy the core cannot run yet
/// is refused with the reason.
/// </summary>
public sealed class SequentialStrategyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("01-book-imbalance")]
    [InlineData("02-trade-follow")]
    [InlineData("03-levels-param-and-wrap")]
    public void A_golden_strategy_takes_the_ils_decisions_in_the_machine(string golden)
    {
        var (micro, reference, records) = StrategyReplay.Prepare(Strategies.Golden(golden));
        // SCALP_WRITE_CORE=DIR keeps the core with this program (hdl-backend/SYNTH.md synthesizes it).
        if (Environment.GetEnvironmentVariable("SCALP_WRITE_CORE") is { Length: > 0 } keep)
            File.WriteAllText(Path.Combine(keep, $"SeqCore-{golden}.v"), SequentialCoreWriter.Write("SeqCore", micro));
        var (machine, emitted, acted) = StrategyReplay.RunAsTheIl(micro, reference, records);
        var most = emitted.Max(e => e.CyclesSinceRecord);
        output.WriteLine($"{golden}: {records.Count} records, {emitted.Count} evaluations, {acted} acted, all as the IL; " +
            $"{micro.Instructions.Count} instructions, {machine.Cycles / records.Count} cycles a record on average, at most {most} from Wait to Emit");
        Assert.True(acted > 0);
    }

    /// <summary>The same programs on the core in iverilog, for the tape's first 300 records: the IL's decisions again.</summary>
    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("02-trade-follow")]
    [InlineData("03-levels-param-and-wrap")]
    public void A_golden_strategy_takes_the_ils_decisions_on_the_core(string golden)
    {
        var (micro, reference, records) = StrategyReplay.Prepare(Strategies.Golden(golden));
        var prefix = records.Take(300).ToList();
        var expected = new MicroMachine(micro).Run(prefix).Select(e => CoreSimulation.Line(e.Words)).ToList();
        var actual = CoreSimulation.Run(SequentialCoreWriter.Write("SeqCore", micro), prefix, cyclesPerRecord: 8000);
        Assert.Equal(expected, actual);
        var decisions = expected.Select(line => StrategyReplay.Decision([.. line.Split(' ').Reverse().Select(w => (long)Convert.ToUInt64(w, 16))])).ToList();
        Assert.Equal(reference.Decisions.Take(decisions.Count), decisions);
        output.WriteLine($"{golden}: {prefix.Count} records, {decisions.Count} evaluations ({decisions.Count(d => d.Action != 0)} acted) on the core as in the IL");
        Assert.Contains(decisions, d => d.Action != 0);
    }

    [Fact]
    public void A_strategy_with_a_sliced_order_is_refused_with_the_reason()
    {
        var program = Strategies.Lower("""
            strategy Sliced
            instrument "GOOG" tick 0.01 lot 1 currency USD
            book depth 2
            execution quiet = twap over 2s slices 4
            rule long priority 1 when bid > 0 => buy 10 lots at market via quiet
            """);
        Assert.Null(SequentialStrategy.Compile(program, 5, out var refusal));
        Assert.Contains("sliced order", refusal, StringComparison.Ordinal);
    }
}
