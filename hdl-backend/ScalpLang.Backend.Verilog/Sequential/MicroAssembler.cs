namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// Builds a <see cref="MicroProgram"/> in program order: allocates registers (state, regions for
/// indexed rings, constants), places labels, and pads with NOPs where the core's pipeline would
/// otherwise read a value before it is written (<see cref="CorePipeline"/>), so the program means
/// what it says read in order. A register read indexed may be any of its region's: it waits for
/// every write to the region (and an indexed write counts as a write to each).
/// The padding follows the fall-through order; a jump's target needs none, because a branch and
/// its delay slots put RegisterDistance slots between anything before it and its target.
/// (registerDistance other than the pipeline's is for the tests' sabotage only.)
/// </summary>
internal sealed class MicroAssembler(int recordWords, int outputWords, int registerDistance = CorePipeline.RegisterDistance)
{
    /// <summary>A jump target, placed once.</summary>
    public sealed class Label
    {
        internal int Slot = -1;
    }

    private readonly List<MicroInstruction> _code = [];
    private readonly List<(int Slot, Label Target)> _jumps = [];
    private readonly List<Label> _labels = [];
    private readonly Dictionary<long, int> _constants = [];
    private readonly Dictionary<int, long> _initial = [];
    private readonly int[] _regionSize = new int[MicroInstruction.Registers];
    private readonly int[] _lastWrite = Enumerable.Repeat(int.MinValue / 2, MicroInstruction.Registers).ToArray();
    private int _lastFlag = int.MinValue / 2;
    private int _lastIndex = int.MinValue / 2;
    private int _next;

    /// <summary>NOPs the padding added (for the listing and the tests).</summary>
    public int PaddingSlots { get; private set; }

    /// <summary>A register the program keeps a value in (state, a temporary).</summary>
    public int Register() => Region(1);

    /// <summary><paramref name="size"/> consecutive registers an indexed operand ranges over (a ring, a book side).</summary>
    public int Region(int size)
    {
        if (size < 1 || _next + size > MicroInstruction.Registers)
            throw new InvalidOperationException($"the sequential core has {MicroInstruction.Registers} registers; {_next} are taken and {size} more were asked for");
        var first = _next;
        _next += size;
        for (var r = first; r < first + size; r++)
            _regionSize[r] = first + size - r;
        return first;
    }

    /// <summary>A register holding <paramref name="value"/> from configuration on (one per distinct value).</summary>
    public int Constant(long value)
    {
        if (!_constants.TryGetValue(value, out var r))
        {
            r = Register();
            _constants[value] = r;
            _initial[r] = value;
        }
        return r;
    }

    public Label NewLabel()
    {
        var label = new Label();
        _labels.Add(label);
        return label;
    }

    public void Place(Label label)
    {
        if (label.Slot >= 0)
            throw new InvalidOperationException("a label is placed once");
        label.Slot = _code.Count;
    }

    public void Add(int d, int a, int b) => Op(new(MicroOp.Add, d, a, b));
    public void Sub(int d, int a, int b) => Op(new(MicroOp.Sub, d, a, b));
    public void Select(int d, int a, int b) => Op(new(MicroOp.Select, d, a, b));
    public void Shift(MicroOp op, int d, int a, int k) => Op(new(op, d, a, k));
    public void In(int d, int word) => Op(new(MicroOp.In, d, 0, word));
    public void Out(int word, int a) => Op(new(MicroOp.Out, 0, a, word));
    public void Emit() => Op(new(MicroOp.Emit));
    public void SetIndex(int a) => Op(new(MicroOp.SetIndex, 0, a));

    /// <summary>A jump (or a conditional one) to <paramref name="target"/>, and its delay slots.</summary>
    public void Jump(MicroOp op, Label target)
    {
        if (op is not (MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless))
            throw new ArgumentException($"{op} is not a jump", nameof(op));
        Op(new(op));
        _jumps.Add((_code.Count - 1, target));
        Delay();
    }

    /// <summary>Waits for the next record (a branch to itself until one has arrived), and its delay slots.</summary>
    public void Wait()
    {
        Op(new(MicroOp.Wait, B: _code.Count));
        // The branch's own slot may have moved with padding: point it at where it landed.
        _code[^1] = _code[^1] with { B = _code.Count - 1 };
        Delay();
    }

    /// <summary>Appends an instruction, after the NOPs the pipeline needs before it.</summary>
    public void Op(MicroInstruction x)
    {
        Check(x);
        var earliest = _code.Count;
        if (x.ReadsA)
            earliest = Math.Max(earliest, LastWrite(x.A, x.IndexA) + registerDistance);
        if (x.ReadsB)
            earliest = Math.Max(earliest, LastWrite(x.B, false) + registerDistance);
        if (x.Op == MicroOp.Select)
            earliest = Math.Max(earliest, _lastFlag + CorePipeline.SelectFlagDistance);
        if (x.Op is MicroOp.JumpIf or MicroOp.JumpUnless)
            earliest = Math.Max(earliest, _lastFlag + CorePipeline.BranchFlagDistance);
        if (x.IndexA || x.IndexD)
            earliest = Math.Max(earliest, _lastIndex + CorePipeline.IndexDistance);
        while (_code.Count < earliest)
        {
            _code.Add(new(MicroOp.Nop));
            PaddingSlots++;
        }
        var slot = _code.Count;
        _code.Add(x);
        if (x.WritesRegister)
        {
            var span = x.IndexD ? _regionSize[x.D] : 1;
            for (var r = x.D; r < x.D + span; r++)
                _lastWrite[r] = slot;
        }
        if (x.SetsFlag)
            _lastFlag = slot;
        if (x.Op == MicroOp.SetIndex)
            _lastIndex = slot;
    }

    public MicroProgram Assemble()
    {
        if (_labels.Any(l => l.Slot < 0))
            throw new InvalidOperationException("a label was made and never placed");
        var code = _code.ToList();
        foreach (var (slot, target) in _jumps)
        {
            if (target.Slot < 0)
                throw new InvalidOperationException($"the jump at {slot} goes to a label never placed");
            code[slot] = code[slot] with { B = target.Slot };
        }
        if (code.Count > MicroInstruction.MaxInstructions)
            throw new InvalidOperationException($"{code.Count} instructions: a jump's target holds {MicroInstruction.MaxInstructions}");
        return new MicroProgram(code, new Dictionary<int, long>(_initial), recordWords, outputWords);
    }

    private int LastWrite(int register, bool indexed)
    {
        var span = indexed ? _regionSize[register] : 1;
        var last = int.MinValue / 2;
        for (var r = register; r < register + span; r++)
            last = Math.Max(last, _lastWrite[r]);
        return last;
    }

    private void Delay()
    {
        for (var i = 0; i < CorePipeline.BranchDelaySlots; i++)
            _code.Add(new(MicroOp.Nop));
    }

    private void Check(MicroInstruction x)
    {
        static void InRange(int r, string what)
        {
            if (r < 0 || r >= MicroInstruction.Registers)
                throw new ArgumentOutOfRangeException(what, $"register {r} is not one of the core's {MicroInstruction.Registers}");
        }
        InRange(x.D, "d");
        InRange(x.A, "a");
        if (x.WritesRegister && _initial.ContainsKey(x.D))
            throw new InvalidOperationException($"r{x.D} holds a constant and is never written");
        if (x.IndexD && x.WritesRegister && Enumerable.Range(x.D, _regionSize[x.D]).Any(_initial.ContainsKey))
            throw new InvalidOperationException($"an indexed write from r{x.D} could reach a constant");
        if (x.Op is MicroOp.ShiftLeft or MicroOp.ShiftRight or MicroOp.ShiftRightSigned && x.B is < 0 or > 63)
            throw new ArgumentOutOfRangeException(nameof(x), $"a shift by {x.B}: 0..63");
        if (x.Op == MicroOp.In && (x.B < 0 || x.B >= recordWords))
            throw new ArgumentOutOfRangeException(nameof(x), $"record word {x.B}: the record has {recordWords}");
        if (x.Op == MicroOp.Out && (x.B < 0 || x.B >= outputWords))
            throw new ArgumentOutOfRangeException(nameof(x), $"output word {x.B}: the core has {outputWords}");
        if (x.ReadsB)
            InRange(x.B, "b");
    }
}
