using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// MicroTiming's bounds on a record's cycles hold for every record the machine runs, are reached
/// by a program whose longest path some records take (a bounded loop's too), and a program that
/// loops without a bound is refused.
/// </summary>
public sealed class SequentialTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("01-book-imbalance")]
    [InlineData("02-trade-follow")]
    [InlineData("03-levels-param-and-wrap")]
    [InlineData("06-sum-ring")]
    [InlineData("07-sample-ring")]
    public void The_bounds_hold_for_every_record_of_a_strategy(string golden)
    {
        var (micro, _, records) = StrategyReplay.Prepare(Strategies.Golden(golden));
        var bounds = MicroTiming.Of(micro);
        var (toEmit, toWait) = Observed(micro, records);
        output.WriteLine($"{golden}: Wait to Emit at most {toEmit} of the bound {bounds.WaitToEmit}; Wait to Wait at most {toWait} of {bounds.WaitToWait} ({records.Count} records)");
        Assert.InRange(toEmit, 1, bounds.WaitToEmit);
        Assert.InRange(toWait, toEmit, bounds.WaitToWait);
    }

    [Fact]
    public void The_bounds_hold_for_every_record_of_the_imbalance_scalper_on_a_gapped_tape()
    {
        var program = Strategies.LowerFile(Path.Combine(RepoPaths.Examples, "imbalance_scalper.scalp"));
        var (micro, _, records) = StrategyReplay.Prepare(program, reshape: SequentialWindowTests.WithGaps);
        var bounds = MicroTiming.Of(micro);
        var (toEmit, toWait) = Observed(micro, records);
        output.WriteLine($"imbalance scalper: Wait to Emit at most {toEmit} of the bound {bounds.WaitToEmit}; Wait to Wait at most {toWait} of {bounds.WaitToWait}; start {bounds.StartToWait} ({records.Count} records)");
        Assert.InRange(toEmit, 1, bounds.WaitToEmit);
        Assert.InRange(toWait, toEmit, bounds.WaitToWait);
    }

    [Fact]
    public void The_bounds_are_reached_by_the_longest_path()
    {
        // A record whose word is not 0 takes a product and a quotient; one whose word is 0 jumps past them.
        var asm = new MicroAssembler(1, 1);
        var operators = new MicroOperators(asm);
        int a = asm.Register(), f = asm.Register(), d = asm.Register(), zero = asm.Constant(0);
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(a, 0);
        asm.Add(d, a, zero);
        asm.Op(new(MicroOp.Equal, f, a, zero));
        var skip = asm.NewLabel();
        asm.Jump(MicroOp.JumpIf, skip);
        operators.Multiply(d, a, a);
        operators.Divide(d, d, a);
        asm.Place(skip);
        asm.Out(0, d);
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        var program = asm.Assemble();
        var bounds = MicroTiming.Of(program);
        var (toEmit, toWait) = Observed(program, [[0], [5], [0], [-7]]);
        output.WriteLine($"Wait to Emit {toEmit}, Wait to Wait {toWait}: the bounds {bounds}");
        Assert.Equal(bounds.WaitToEmit, toEmit);
        Assert.Equal(bounds.WaitToWait, toWait);
        Assert.True(toEmit > CorePipeline.MultiplyDistance + CorePipeline.FractionDivideDistance);
    }

    [Fact]
    public void A_bounded_loop_counts_its_turns_and_an_unbounded_one_has_no_bound()
    {
        Assert.Contains("loops", Assert.Throws<InvalidOperationException>(() => MicroTiming.Of(CountingLoop(bound: null))).Message, StringComparison.Ordinal);
        // Bounded to 10 turns, the record that asks for 10 takes the bound exactly.
        var program = CountingLoop(bound: 10);
        var bounds = MicroTiming.Of(program);
        var (toEmit, toWait) = Observed(program, [[1], [10], [4]]);
        output.WriteLine($"10 turns: Wait to Emit {toEmit}, Wait to Wait {toWait}: the bounds {bounds}");
        Assert.Equal(bounds.WaitToEmit, toEmit);
        Assert.Equal(bounds.WaitToWait, toWait);
    }

    /// <summary>Per record: its word's count of turns of a loop (the jump back at its end), then an Emit.</summary>
    private static MicroProgram CountingLoop(int? bound)
    {
        var asm = new MicroAssembler(1, 1);
        int count = asm.Register(), f = asm.Register(), one = asm.Constant(1), zero = asm.Constant(0);
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(count, 0);
        var turn = asm.NewLabel();
        asm.Place(turn);
        asm.Sub(count, count, one);
        asm.Op(new(MicroOp.Equal, f, count, zero));
        asm.Jump(MicroOp.JumpUnless, turn);
        if (bound is { } turns)
            asm.LoopBound(turn, turns);
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        return asm.Assemble();
    }

    /// <summary>The most cycles any record took from its Wait to an Emit, and to the next Wait (records run one at a time).</summary>
    private static (long ToEmit, long ToWait) Observed(MicroProgram program, IEnumerable<long[]> records)
    {
        var machine = new MicroMachine(program);
        machine.Run([]);
        long toEmit = 0, toWait = 0;
        foreach (var record in records)
        {
            var before = machine.Cycles;
            var emitted = machine.Run([record]);
            toEmit = Math.Max(toEmit, emitted.Count == 0 ? 0 : emitted.Max(e => e.CyclesSinceRecord));
            // The run counts the Wait that took the record and the one it stops at: the bound counts from the former.
            toWait = Math.Max(toWait, machine.Cycles - before - 1);
        }
        return (toEmit, toWait);
    }
}
