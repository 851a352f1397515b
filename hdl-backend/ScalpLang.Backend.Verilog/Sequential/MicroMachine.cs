namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The sequential core's meaning: a program run in order, one instruction at a time. The core
/// (SequentialCoreWriter) takes the same decisions, because the assembler padded the program for
/// its pipeline. Cycles are counted as the core spends them: one per instruction, NOPs included,
/// and a taken jump's delay slots too, an Idle its slots. The multiply/divide unit is modelled step
/// by step as the core runs it (its carry-save words, a division by 0), and a Take earlier than
/// the unit's distance after its start is an error (the assembler's padding broken).
/// </summary>
internal sealed class MicroMachine(MicroProgram program)
{
    /// <summary>One decision: the output words at an Emit, and the cycles from the Wait that took the record to the Emit.</summary>
    public readonly record struct Emission(long[] Words, long CyclesSinceRecord);

    private readonly long[] _r = InitialRegisters(program);
    private readonly long[] _out = new long[program.OutputWords];
    private long[] _record = new long[program.RecordWords];
    private bool _flag;
    private int _index;
    private int _pc;
    private readonly ulong[] _unit = new ulong[3];
    private long _unitReadyAt = long.MinValue;

    public IReadOnlyList<long> Registers => _r;

    /// <summary>Cycles run so far, over every run.</summary>
    public long Cycles { get; private set; }

    /// <summary>
    /// Runs from where the last run stopped (the program's start the first time): each Wait takes the
    /// next of <paramref name="records"/>; the run ends at a Wait when none is left, and the next run
    /// resumes there. Throws past <paramref name="cycleLimit"/> cycles from one Wait to the next (a
    /// program that never waits).
    /// </summary>
    public List<Emission> Run(IEnumerable<long[]> records, long cycleLimit = 10_000_000)
    {
        var pending = new Queue<long[]>(records);
        var emissions = new List<Emission>();
        var code = program.Instructions;
        var (record, flag, index, pc) = (_record, _flag, _index, _pc);
        long cycles = 0, taken = 0;
        while (true)
        {
            if (cycles++ - taken > cycleLimit)
                throw new InvalidOperationException($"no Wait within {cycleLimit} cycles (pc {pc})");
            if (pc >= code.Count)
                throw new InvalidOperationException($"the program ran past its end ({code.Count} instructions)");
            var x = code[pc];
            var a = x.IndexA ? x.A + index : x.A;
            var d = x.IndexD ? x.D + index : x.D;
            long Ra() => _r[a & (MicroInstruction.Registers - 1)];
            long Rb() => _r[x.B];
            void Write(long v) => _r[d & (MicroInstruction.Registers - 1)] = v;
            var next = pc + 1;
            switch (x.Op)
            {
                case MicroOp.Nop: break;
                case MicroOp.Add: Write(unchecked(Ra() + Rb())); break;
                case MicroOp.Sub: Write(unchecked(Ra() - Rb())); break;
                case MicroOp.And: Write(Ra() & Rb()); break;
                case MicroOp.Or: Write(Ra() | Rb()); break;
                case MicroOp.Xor: Write(Ra() ^ Rb()); break;
                case MicroOp.LessSigned: flag = Ra() < Rb(); Write(flag ? 1 : 0); break;
                case MicroOp.LessUnsigned: flag = (ulong)Ra() < (ulong)Rb(); Write(flag ? 1 : 0); break;
                case MicroOp.Equal: flag = Ra() == Rb(); Write(flag ? 1 : 0); break;
                case MicroOp.Select: Write(flag ? Ra() : Rb()); break;
                case MicroOp.ShiftLeft: Write(Ra() << x.B); break;
                case MicroOp.ShiftRight: Write((long)((ulong)Ra() >> x.B)); break;
                case MicroOp.ShiftRightSigned: Write(Ra() >> x.B); break;
                case MicroOp.SetIndex: index = (int)(Ra() & (MicroInstruction.Registers - 1)); break;
                case MicroOp.In: Write(record[x.B]); break;
                case MicroOp.Out: _out[x.B] = Ra(); break;
                case MicroOp.Emit: emissions.Add(new((long[])_out.Clone(), cycles - taken)); break;
                case MicroOp.Idle: cycles += x.B - 1; break;
                case MicroOp.MultiplyStart or MicroOp.DivideStart or MicroOp.FractionDivideStart:
                    StartUnit(x.Op, (ulong)Ra(), (ulong)Rb());
                    _unitReadyAt = Cycles + cycles + CorePipeline.UnitDistance(x.Op);
                    break;
                case MicroOp.Take:
                    if (Cycles + cycles < _unitReadyAt)
                        throw new InvalidOperationException($"Take at {pc} comes {_unitReadyAt - Cycles - cycles} cycles before the unit's result");
                    Write((long)_unit[x.B]);
                    break;
                case MicroOp.Jump: next = Jump(x.B); break;
                case MicroOp.JumpIf: if (flag) next = Jump(x.B); break;
                case MicroOp.JumpUnless: if (!flag) next = Jump(x.B); break;
                case MicroOp.Wait:
                    if (pending.Count == 0)
                    {
                        (_record, _flag, _index, _pc) = (record, flag, index, pc);
                        Cycles += cycles;
                        return emissions;
                    }
                    record = pending.Dequeue();
                    if (record.Length != program.RecordWords)
                        throw new ArgumentException($"a record has {record.Length} words; the program reads {program.RecordWords}", nameof(records));
                    // The core takes the record at the Wait's X2 and emits at the Emit's: the cycles between are the fetches'.
                    taken = cycles;
                    break;
                default: throw new InvalidOperationException($"unknown op {x.Op} at {pc}");
            }
            pc = next;
        }

        int Jump(int target)
        {
            // The delay slots run (NOPs) before the target.
            cycles += CorePipeline.BranchDelaySlots;
            return target;
        }
    }

    /// <summary>The unit's words after its steps, as the core's registers hold them (SequentialCoreWriter).</summary>
    private void StartUnit(MicroOp op, ulong a, ulong b)
    {
        if (op == MicroOp.MultiplyStart)
        {
            // Carry-save: s + 2c is the sum of the three; the sum's bit 0 is s's, shifted out into q.
            ulong q = b, s = 0, c = 0;
            for (var step = 0; step < CorePipeline.MultiplySteps; step++)
            {
                var pp = (q & 1) != 0 ? a : 0;
                var sum = s ^ c ^ pp;
                c = (s & c) | (s & pp) | (c & pp);
                s = sum >> 1;
                q = (q >> 1) | (sum << 63);
            }
            (_unit[0], _unit[1], _unit[2]) = (q, s, c);
            return;
        }
        // Restoring rows: the dividend's bits enter the remainder from q's top (zeros after 64), quotient bits enter q's bottom.
        ulong quotient = a, r = 0;
        var rows = op == MicroOp.DivideStart ? 64 : 80;
        for (var row = 0; row < rows; row++)
        {
            var bit = row < 64 ? quotient >> 63 : 0;
            var trial = (r << 1) | bit;
            var fits = trial >= b;
            r = fits ? trial - b : trial;
            quotient = (quotient << 1) | (fits ? 1UL : 0);
        }
        (_unit[0], _unit[1]) = (quotient, r);
    }

    private static long[] InitialRegisters(MicroProgram program)
    {
        var r = new long[MicroInstruction.Registers];
        foreach (var (register, value) in program.InitialRegisters)
            r[register] = value;
        return r;
    }
}
