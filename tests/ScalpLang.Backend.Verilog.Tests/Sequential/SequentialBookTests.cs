using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// The sequential core's book routine (SequentialBook) keeps the runtime's book: on the synthetic
/// tape, after every record, each level of each side in the machine's registers is DepthBook's
/// (0 past a side's count) and the last price is the last trade's {price, aux}. A routine with a
/// delete that moves the wrong level up is caught.
/// </summary>
public sealed class SequentialBookTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 1)]
    public void The_book_routine_keeps_the_runtime_book(int seed, int depth)
    {
        var (records, ops, cycles) = Replay(seed, depth, breakDelete: false, out var firstDifference);
        output.WriteLine($"seed {seed}, depth {depth}: {records} records ({ops} book ops), {cycles} cycles in the machine ({(double)cycles / records:F1} a record)");
        Assert.True(firstDifference is null, firstDifference);
        Assert.True(ops > records / 2, "the tape moves the book");
    }

    /// <summary>The same routine on the core in iverilog: the best levels and the last price emitted after each of 1,500 records agree with the machine.</summary>
    [Fact]
    [Trait("Category", "Simulator")]
    public void The_book_routine_runs_alike_on_the_core()
    {
        var dir = Tools.Scratch("seqbook-core");
        var tapePath = Tools.SyntheticTape(dir, 4, 4_000, 5);
        var records = new List<long[]>();
        using (var tape = TapeFile.Open(tapePath))
        {
            var bytes = tape.Records;
            for (var at = 0; at + TapeRecord.Length <= bytes.Length && records.Count < 1_500; at += TapeRecord.Length)
                records.Add([BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 8)..])]);
        }
        Directory.Delete(dir, recursive: true);
        var asm = new MicroAssembler(2, 4);
        var book = new SequentialBook(asm, 5);
        book.EmitReset();
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        book.EmitApply();
        asm.Out(0, book.BidPrice);
        asm.Out(1, book.BidSize);
        asm.Out(2, book.AskPrice);
        asm.Out(3, book.LastPrice);
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        var program = asm.Assemble();
        var expected = new MicroMachine(program).Run(records).Select(e => CoreSimulation.Line(e.Words)).ToList();
        var actual = CoreSimulation.Run(SequentialCoreWriter.Write("SeqCore", program), records);
        output.WriteLine($"{records.Count} records, {program.Instructions.Count} instructions, {expected.Distinct().Count()} distinct best levels");
        Assert.Equal(expected, actual);
        Assert.True(expected.Distinct().Count() > 100, "the book moves");
    }

    [Fact]
    public void A_delete_that_moves_the_wrong_level_is_caught()
    {
        Replay(1, 5, breakDelete: true, out var firstDifference);
        output.WriteLine($"a delete reading level j + 2: {firstDifference}");
        Assert.NotNull(firstDifference);
    }

    /// <summary>Runs the routine on the synthetic tape record by record beside DepthBook; the first difference, or null.</summary>
    private static (long Records, long BookOps, long Cycles) Replay(int seed, int depth, bool breakDelete, out string? firstDifference)
    {
        var dir = Tools.Scratch("seqbook");
        var tapePath = Tools.SyntheticTape(dir, seed, 20_000, depth);
        var asm = new MicroAssembler(2, 1);
        var book = new SequentialBook(asm, depth);
        book.EmitReset();
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        book.EmitApply();
        asm.Jump(MicroOp.Jump, top);
        var program = asm.Assemble();
        if (breakDelete)
            program = BreakDelete(program, book);
        var machine = new MicroMachine(program);
        machine.Run([]);   // the reset, up to the first Wait

        var reference = new DepthBook(depth);
        long last = 0, bookOps = 0, records = 0;
        firstDifference = null;
        using (var tape = TapeFile.Open(tapePath))
        {
            var bytes = tape.Records;
            for (var at = 0; at + TapeRecord.Length <= bytes.Length && firstDifference is null; at += TapeRecord.Length)
            {
                var raw = bytes.Slice(at, TapeRecord.Length);
                var words = new[] { BinaryPrimitives.ReadInt64LittleEndian(raw), BinaryPrimitives.ReadInt64LittleEndian(raw[8..]) };
                var r = MemoryMarshal.Read<TapeRecord>(raw);
                var emitted = machine.Run([words]);
                Assert.Empty(emitted);
                records++;
                var side = (r.Flags & TapeMarks.Ask) != 0 ? Side.Sell : Side.Buy;
                switch (r.Op)
                {
                    case TapeOp.Insert: Assert.True(reference.Insert(side, r.Aux, r.Price, r.Size)); bookOps++; break;
                    case TapeOp.Change: Assert.True(reference.Change(side, r.Aux, r.Size, out _)); bookOps++; break;
                    case TapeOp.Delete: Assert.True(reference.Delete(side, r.Aux, out _)); bookOps++; break;
                    case TapeOp.Trade: last = ((long)(r.Price & 0x7fff_ffff) << 16) | r.Aux; break;
                    default: break;
                }
                firstDifference = Difference(machine, book, reference, last, depth, records);
            }
        }
        Directory.Delete(dir, recursive: true);
        return (records, bookOps, machine.Cycles);
    }

    private static string? Difference(MicroMachine machine, SequentialBook book, DepthBook reference, long last, int depth, long record)
    {
        var r = machine.Registers;
        foreach (var (side, prices, sizes) in new[] { (Side.Buy, book.BidPrice, book.BidSize), (Side.Sell, book.AskPrice, book.AskSize) })
        {
            for (var i = 0; i < depth; i++)
            {
                var level = i < reference.Count(side) ? reference.Level(side, i) : default;
                if (r[prices + i] != level.Price.Ticks || r[sizes + i] != level.Size.Lots)
                    return $"record {record}: {side} level {i} is {r[prices + i]} x {r[sizes + i]} in the machine, {level.Price.Ticks} x {level.Size.Lots} in DepthBook";
            }
        }
        return r[book.LastPrice] == last ? null : $"record {record}: last price {r[book.LastPrice]} in the machine, {last} expected";
    }

    /// <summary>The delete's select of level j + 1 reads level j + 2 instead (where there is one).</summary>
    private static MicroProgram BreakDelete(MicroProgram program, SequentialBook book)
    {
        var code = program.Instructions.ToArray();
        var changed = 0;
        for (var k = 0; k < code.Length; k++)
        {
            var x = code[k];
            if (x.Op == MicroOp.Select && x.D == x.A && x.B == x.D + 1 && x.D + 2 < book.BidPrice + book.Levels && x.D >= book.BidPrice)
            {
                code[k] = x with { B = x.D + 2 };
                changed++;
            }
        }
        Assert.True(changed > 0, "no delete select found to break");
        return program with { Instructions = code };
    }
}
