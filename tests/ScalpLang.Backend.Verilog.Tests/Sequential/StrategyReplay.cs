using System.Buffers.Binary;
using ScalpLang.Backend.Il;
using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// A strategy's sequential program beside the IL host's run of the same synthetic tape: the records
/// with the host's fills (what `scalp sim` feeds a module) and the IL's decision at every evaluation.
/// </summary>
internal static class StrategyReplay
{
    /// <summary>The program (compiled at the tape's depth), the IL host's run, and the records with the host's fills.</summary>
    /// <param name="reshape">Makes another tape of the synthetic one (its path in, the new one's out), e.g. with gaps in time.</param>
    public static (MicroProgram Micro, HostReference.Run Reference, List<long[]> Records) Prepare(IrProgram program, int seed = 11, int events = 30_000,
        Func<string, string>? reshape = null)
    {
        var dir = Tools.Scratch("seqstrategy");
        var tapePath = Tools.SyntheticTape(dir, seed, events, program.BookDepth);
        tapePath = reshape?.Invoke(tapePath) ?? tapePath;
        using var tape = TapeFile.Open(tapePath);
        var micro = SequentialStrategy.Compile(program, tape.Header.Depth, out var refusal, HostReference.CapitalTickLots(tape));
        Assert.True(micro is not null, refusal);

        var il = IlBackend.Emit(program);
        var (strategy, context) = StrategyLoader.Load(il.Image!, il.TypeName);
        HostReference.Run reference;
        try
        {
            strategy.Start();
            reference = HostReference.Replay(strategy, tape);
        }
        finally
        {
            context.Unload();
        }
        Assert.Null(reference.Error);
        var records = new Records();
        FilledTape.Write(tape, reference, records);
        Directory.Delete(dir, recursive: true);
        return (micro, reference, records.Words);
    }

    /// <summary>
    /// Runs the program on the records in the machine and asserts that every evaluation takes the IL's
    /// decision: the machine (for its cycles), its emissions, and how many acted.
    /// </summary>
    public static (MicroMachine Machine, List<MicroMachine.Emission> Emitted, int Acted) RunAsTheIl(MicroProgram micro, HostReference.Run reference, List<long[]> records)
    {
        var machine = new MicroMachine(micro);
        var emitted = machine.Run(records);
        Assert.Equal(reference.Decisions.Count, emitted.Count);
        var acted = 0;
        for (var i = 0; i < emitted.Count; i++)
        {
            var got = Decision(emitted[i].Words);
            Assert.True(reference.Decisions[i] == got, $"evaluation {i}: IL {reference.Decisions[i]}, machine {got}");
            acted += got.Action != 0 ? 1 : 0;
        }
        return (machine, emitted, acted);
    }

    /// <summary>The decision in a program's four output words.</summary>
    public static EventDecision Decision(long[] words)
    {
        var (action, decision, price, quantity, market, standAside, kill) = SequentialStrategy.Decode(words);
        return new EventDecision(action, decision, price, quantity, market, standAside, kill);
    }

    private sealed class Records : ITapeRecordSink
    {
        public List<long[]> Words { get; } = [];

        public void Write(ReadOnlySpan<byte> record) =>
            Words.Add([BinaryPrimitives.ReadInt64LittleEndian(record), BinaryPrimitives.ReadInt64LittleEndian(record[8..])]);
    }
}
