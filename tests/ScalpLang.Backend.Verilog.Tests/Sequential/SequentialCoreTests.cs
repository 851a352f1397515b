using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// The sequential core (SequentialCoreWriter) runs a program as MicroMachine reads it: random
/// programs over every operation (indexed ring reads and writes, a counted loop, a forward jump on
/// a comparison, the multiply/divide unit, the padding's Idles) give the same output words at every
/// Emit in iverilog as in the machine. The sabotages show the comparison can fail: padding one slot
/// short, a shift's sign fill dropped, the signed order taken as the unsigned one, a jump that
/// ignores the flag, a product's carries lost, a division row's borrow dropped, an Idle one short.
/// </summary>
public sealed class SequentialCoreTests(ITestOutputHelper output)
{
    private const int RecordWords = 2;
    private const int OutputWords = 4;

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_programs_run_alike_in_the_core_and_the_machine(int seed)
    {
        var program = RandomProgram(seed, CorePipeline.RegisterDistance, out var padding);
        var records = Records(seed, 150);
        var expected = new MicroMachine(program).Run(records);
        Assert.Equal(records.Count, expected.Count);   // one Emit a record
        Assert.True(expected.Max(e => e.CyclesSinceRecord) < 3000, "the testbench allows 4,000 cycles a record");
        var actual = CoreSimulation.Run(SequentialCoreWriter.Write("SeqCore", program), records);
        output.WriteLine($"seed {seed}: {program.Instructions.Count} instructions ({padding} NOPs of padding), {records.Count} records, {expected.Sum(e => e.CyclesSinceRecord)} cycles from Wait to Emit in all");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(CoreSimulation.Line(expected[i].Words) == actual[i], $"record {i}: machine {CoreSimulation.Line(expected[i].Words)}, core {actual[i]}");
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Padding_one_slot_short_is_caught()
    {
        var program = RandomProgram(1, CorePipeline.RegisterDistance - 1, out _);
        AssertDiffers("padding one slot short", SequentialCoreWriter.Write("SeqCore", program), program);
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("wire fill1 = srs1 && rd_a[63];", "wire fill1 = 1'b0;", "the arithmetic shift's sign fill dropped")]
    [InlineData("(op2 == OP_LESSSIGNED && opa[63] == !opb[63])", "op2 == OP_LESSSIGNED", "the signed order taken as the unsigned one")]
    [InlineData("(jump_if3 && flag)", "jump_if3", "a conditional jump that ignores the flag")]
    [InlineData("{1'b0, bhi3, c3}", "{1'b0, bhi3, 1'b0}", "the high half without the low half's carry")]
    [InlineData("lo_sum[33] ? hi_carry1[33] : hi_carry0[32]", "hi_carry0[32]", "a comparison without the low half's carry")]
    [InlineData("{1'b0, opb[31:0], sub2}", "{1'b0, opb[31:0], 1'b0}", "subtraction without its carry in")]
    [InlineData("&equal3;", "&equal3[3:0];", "equality of the low halves only")]
    [InlineData("w_reverse <= left3;", "w_reverse <= 1'b0;", "a left shift's word not reversed back")]
    [InlineData("(select2 && !flag)", "select2", "a Select that ignores the flag")]
    [InlineData("(u_s & u_c) | (u_s & u_pp) | (u_c & u_pp)", "(u_s & u_c) | (u_s & u_pp)", "a product's carries lost")]
    [InlineData("<= u_borrow ? ", "<= 1'b0 ? ", "a division row without the low half's borrow")]
    [InlineData("u_bit <= u_q[62] && u_feeding;", "u_bit <= u_q[62];", "a fraction's quotient fed the quotient's own bits instead of zeros")]
    [InlineData("u_last <= u_steps == 8'd2;", "u_last <= u_steps == 8'd3;", "the unit stopped one step early")]
    [InlineData("idle_left <= ir[31:23] - 9'd1;", "idle_left <= ir[31:23] - 9'd2;", "an Idle one slot short")]
    public void A_broken_core_is_caught(string pattern, string replacement, string what)
    {
        var program = RandomProgram(2, CorePipeline.RegisterDistance, out _);
        var core = SequentialCoreWriter.Write("SeqCore", program);
        var broken = core.Replace(pattern, replacement, StringComparison.Ordinal);
        Assert.NotEqual(core, broken);
        AssertDiffers(what, broken, program);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void The_core_lints_clean()
    {
        var dir = Tools.Scratch("seqcore-lint");
        File.WriteAllText(Path.Combine(dir, "SeqCore.v"), SequentialCoreWriter.Write("SeqCore", RandomProgram(1, CorePipeline.RegisterDistance, out _)));
        var (exit, text) = Tools.Run("verilator", dir, "--lint-only", "-Wall", "SeqCore.v");
        Assert.True(exit == 0, text);
        // hdl-backend/sequential-core-fmax.sh synthesizes this core: SCALP_WRITE_CORE=DIR keeps a copy.
        if (Environment.GetEnvironmentVariable("SCALP_WRITE_CORE") is { Length: > 0 } keep)
            File.Copy(Path.Combine(dir, "SeqCore.v"), Path.Combine(keep, "SeqCore.v"), overwrite: true);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void The_assembler_pads_a_read_after_a_write_and_nothing_else()
    {
        var asm = new MicroAssembler(1, 1, schedule: false);
        int x = asm.Register(), y = asm.Register(), z = asm.Register(), one = asm.Constant(1);
        asm.Add(x, one, one);
        asm.Add(y, one, one);   // independent: no padding
        asm.Add(z, x, one);     // reads x, written 2 slots before: 3 NOPs
        Assert.Equal(CorePipeline.RegisterDistance - 2, asm.PaddingSlots);
        asm.Op(new(MicroOp.Equal, x, y, one));
        asm.Select(y, z, one);  // the flag 1 slot before; z 1 slot before: z's distance rules
        var program = asm.Assemble();
        Assert.Equal(MicroOp.Select, program.Instructions[^1].Op);
        // The padding is one Idle of its slots.
        Assert.Equal(new MicroInstruction(MicroOp.Idle, 0, 0, CorePipeline.RegisterDistance - 2), program.Instructions[2]);
        Assert.Equal(MicroOp.Add, program.Instructions[3].Op);
        Assert.Throws<InvalidOperationException>(() => asm.Add(one, x, y));   // a constant is never written
    }

    [Fact]
    public void An_indexed_read_waits_for_every_write_to_its_region()
    {
        var asm = new MicroAssembler(1, 1, schedule: false);
        var ring = asm.Region(8);
        int i = asm.Register(), t = asm.Register(), one = asm.Constant(1);
        asm.Add(ring + 5, one, one);
        asm.Add(i, one, one);
        asm.Op(new(MicroOp.Add, t, ring, one, IndexA: true));   // may read ring + 5: waits for it
        Assert.Equal(CorePipeline.RegisterDistance - 2, asm.PaddingSlots);
        var label = asm.NewLabel();
        Assert.Throws<InvalidOperationException>(asm.Assemble);   // a label never placed
        asm.Place(label);
        Assert.NotEmpty(asm.Assemble().Instructions);
    }

    [Fact]
    public void Scheduled_programs_mean_what_the_unscheduled_ones_do_in_fewer_cycles()
    {
        long scheduledCycles = 0, inOrderCycles = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var records = Records(seed, 40);
            var scheduled = new MicroMachine(RandomProgram(seed, CorePipeline.RegisterDistance, out _)).Run(records);
            var inOrder = new MicroMachine(RandomProgram(seed, CorePipeline.RegisterDistance, out _, schedule: false)).Run(records);
            Assert.Equal(inOrder.Count, scheduled.Count);
            for (var i = 0; i < inOrder.Count; i++)
                Assert.True(CoreSimulation.Line(inOrder[i].Words) == CoreSimulation.Line(scheduled[i].Words), $"seed {seed}, record {i}");
            scheduledCycles += scheduled.Sum(e => e.CyclesSinceRecord);
            inOrderCycles += inOrder.Sum(e => e.CyclesSinceRecord);
        }
        output.WriteLine($"40 random programs: {inOrderCycles} cycles from Wait to Emit in order, {scheduledCycles} scheduled");
        Assert.True(scheduledCycles < inOrderCycles);
    }

    [Fact]
    public void A_schedule_that_moves_a_write_above_a_read_is_caught()
    {
        var differ = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var records = Records(seed, 40);
            var broken = new MicroMachine(RandomProgram(seed, CorePipeline.RegisterDistance, out _, ignoreWriteAfterRead: true)).Run(records);
            var inOrder = new MicroMachine(RandomProgram(seed, CorePipeline.RegisterDistance, out _, schedule: false)).Run(records);
            differ += Enumerable.Range(0, inOrder.Count).Count(i => CoreSimulation.Line(inOrder[i].Words) != CoreSimulation.Line(broken[i].Words));
        }
        output.WriteLine($"write-after-read ignored: {differ} of 1600 decisions differ");
        Assert.True(differ > 0, "a schedule ignoring write-after-read went unnoticed");
    }

    private void AssertDiffers(string what, string core, MicroProgram program)
    {
        var records = Records(7, 40);
        var expected = new MicroMachine(program).Run(records).Select(e => CoreSimulation.Line(e.Words)).ToList();
        var actual = CoreSimulation.Run(core, records);
        var differ = Enumerable.Range(0, expected.Count).Count(i => i >= actual.Count || expected[i] != actual[i]);
        output.WriteLine($"{what}: {differ} of {expected.Count} decisions differ");
        Assert.True(differ > 0, $"{what} went unnoticed");
    }

    /// <summary>
    /// A random program: per record, the two record words into registers, 60 random operations on a
    /// pool of 10 registers (a twelfth of them the unit's, and a product, a division and a fraction's
    /// division in every program, their words taken), an equality of words that differ in the high half, an 8-register ring read and written at an index taken from the data, a
    /// loop of 3 turns, a jump over two operations when a comparison holds, and four outputs: a
    /// checksum every result was added or xored into, and three of the pool.
    /// </summary>
    private static MicroProgram RandomProgram(int seed, int registerDistance, out int padding, bool schedule = true, bool ignoreWriteAfterRead = false)
    {
        var random = new Random(seed);
        var asm = new MicroAssembler(RecordWords, OutputWords, registerDistance, schedule, ignoreWriteAfterRead);
        var pool = Enumerable.Range(0, 10).Select(_ => asm.Register()).ToArray();
        var ring = asm.Region(8);
        int index = asm.Register(), count = asm.Register();
        long[] edges = [0, 1, -1, long.MinValue, long.MaxValue, 0xffff_ffffL, 0x1_0000_0000L, 7, 65536, random.NextInt64(), random.NextInt64()];
        var constants = edges.Select(asm.Constant).ToArray();
        int seven = asm.Constant(7), one = asm.Constant(1), three = asm.Constant(3), zero = asm.Constant(0);
        // The record's words stay in their own registers: an operand is one of them, a constant or a pool register.
        int word0 = asm.Register(), word1 = asm.Register();
        int Any() => random.Next(3) switch
        {
            0 => constants[random.Next(constants.Length)],
            1 => random.Next(2) == 0 ? word0 : word1,
            _ => pool[random.Next(pool.Length)],
        };
        int Pool() => pool[random.Next(pool.Length)];
        MicroOp[] ops = [MicroOp.Add, MicroOp.Sub, MicroOp.And, MicroOp.Or, MicroOp.Xor, MicroOp.LessSigned, MicroOp.LessUnsigned, MicroOp.Equal, MicroOp.Select, MicroOp.ShiftLeft, MicroOp.ShiftRight, MicroOp.ShiftRightSigned];
        // Every result is folded into a checksum (an output), so no operation's outcome is lost.
        var checksum = asm.Register();
        void Fold(int register)
        {
            asm.Op(new(random.Next(2) == 0 ? MicroOp.Add : MicroOp.Xor, checksum, checksum, register));
        }
        // The unit: a start on any operands (0 among them: a division by zero), and its words taken and folded.
        void UnitOp(MicroOp start)
        {
            asm.Op(new(start, 0, Any(), Any()));
            for (var word = 0; word < (start == MicroOp.MultiplyStart ? 3 : 2); word++)
            {
                var d = Pool();
                asm.Op(new(MicroOp.Take, d, 0, word));
                Fold(d);
            }
        }
        MicroOp[] starts = [MicroOp.MultiplyStart, MicroOp.DivideStart, MicroOp.FractionDivideStart];
        void RandomOps(int n, bool unit = false)
        {
            for (var k = 0; k < n; k++)
            {
                if (unit && random.Next(12) == 0)
                {
                    UnitOp(starts[random.Next(starts.Length)]);
                    continue;
                }
                var op = ops[random.Next(ops.Length)];
                var d = Pool();
                if (op is MicroOp.ShiftLeft or MicroOp.ShiftRight or MicroOp.ShiftRightSigned)
                    asm.Shift(op, d, Any(), random.Next(64));
                else
                    asm.Op(new(op, d, Any(), Any()));
                Fold(d);
            }
        }

        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(word0, 0);
        asm.In(word1, 1);
        RandomOps(15, unit: true);
        foreach (var start in starts)
            UnitOp(start);
        // Words that differ in the high half only are not equal.
        var high = Pool();
        asm.Op(new(MicroOp.Xor, high, word0, asm.Constant(1L << 40)));
        asm.Op(new(MicroOp.Equal, high, high, word0));
        Fold(high);
        RandomOps(15, unit: true);
        // The ring: I from the data (0..7), a read from and a write to ring + I.
        asm.Op(new(MicroOp.And, index, Pool(), seven));
        asm.SetIndex(index);
        asm.Op(new(MicroOp.Add, Pool(), ring, Any(), IndexA: true));
        asm.Op(new(MicroOp.Add, ring, Pool(), Any(), IndexD: true));
        asm.Op(new(MicroOp.Add, ring, ring, Any(), IndexA: true, IndexD: true));   // a slot updated in place
        // A loop of 3 turns.
        asm.Add(count, zero, three);
        var loop = asm.NewLabel();
        asm.Place(loop);
        RandomOps(6);
        asm.Sub(count, count, one);
        asm.Op(new(MicroOp.Equal, Pool(), count, zero));
        asm.Jump(MicroOp.JumpUnless, loop);
        // A forward jump on a signed comparison.
        var skip = asm.NewLabel();
        asm.Op(new(MicroOp.LessSigned, Pool(), Any(), Any()));
        asm.Jump(MicroOp.JumpIf, skip);
        RandomOps(2);
        asm.Place(skip);
        RandomOps(24, unit: true);
        // Every ring register reaches an output over the records (through I).
        asm.Op(new(MicroOp.Add, pool[2], ring, pool[3], IndexA: true));
        Fold(pool[2]);
        asm.Out(0, checksum);
        for (var k = 1; k < OutputWords; k++)
            asm.Out(k, Pool());
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        padding = asm.PaddingSlots;
        return asm.Assemble();
    }

    private static List<long[]> Records(int seed, int count)
    {
        var random = new Random(seed * 31 + 5);
        long[] edges = [0, 1, -1, long.MinValue, long.MaxValue, 0xffff_ffffL, 0x8000_0000L];
        long Word() => random.Next(4) == 0 ? edges[random.Next(edges.Length)] : random.Next(2) == 0 ? random.NextInt64() : random.NextInt64(-1000, 1000);
        return [.. Enumerable.Range(0, count).Select(_ => new[] { Word(), Word() })];
    }

}
