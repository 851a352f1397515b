namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// Builds a <see cref="MicroProgram"/> in program order: allocates registers (state, regions for
/// indexed rings, constants), places labels, and pads with NOPs where the core's pipeline would
/// otherwise read a value before it is written (<see cref="CorePipeline"/>), so the program means
/// what it says read in order. A register read indexed may be any of its region's: it waits for
/// every write to the region (and an indexed write counts as a write to each).
/// The padding follows the fall-through order; a jump's target needs none, because a branch and
/// its delay slots put RegisterDistance slots between anything before it and its target.
/// With <paramref name="schedule"/>, each basic block (from a label or a branch to the next) is
/// list-scheduled first: an instruction may move ahead of others it does not depend on, to fill
/// the slots padding would waste (see <see cref="Flush"/>).
/// The padding's runs of NOPs become Idles at the end (<see cref="Compressed"/>).
/// A product or a quotient of the unit is taken (Take) no sooner than its distance after its start
/// (<see cref="CorePipeline.UnitDistance"/>), in the fall-through order: the start and its Takes go in
/// one basic block.
/// (registerDistance other than the pipeline's, ignoreWriteAfterRead and compress = false are for the tests only.)
/// </summary>
internal sealed class MicroAssembler(int recordWords, int outputWords, int registerDistance = CorePipeline.RegisterDistance,
    bool schedule = true, bool ignoreWriteAfterRead = false, bool compress = true)
{
    /// <summary>A jump target, placed once.</summary>
    public sealed class Label
    {
        internal int Slot = -1;
    }

    private readonly List<MicroInstruction> _code = [];
    private readonly List<(MicroInstruction X, Label? Target)> _block = [];
    private readonly List<(int Slot, Label Target)> _jumps = [];
    private readonly List<Label> _labels = [];
    private readonly Dictionary<long, int> _constants = [];
    private readonly Dictionary<int, long> _initial = [];
    private readonly int[] _regionSize = new int[MicroInstruction.Registers];
    private readonly int[] _lastWrite = Enumerable.Repeat(int.MinValue / 2, MicroInstruction.Registers).ToArray();
    private int _lastFlag = int.MinValue / 2;
    private int _lastIndex = int.MinValue / 2;
    private int _unitReady = int.MinValue / 2;
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

    /// <summary>
    /// A register holding the core's Verilog parameter <paramref name="name"/> (default
    /// <paramref name="value"/>) from configuration on: one per name, never shared with a constant of
    /// the same value, so that an override reaches only the reads of that parameter.
    /// </summary>
    public int Param(string name, long value)
    {
        if (!_params.TryGetValue(name, out var r))
        {
            r = Register();
            _params[name] = r;
            _initial[r] = value;
        }
        return r;
    }

    private readonly Dictionary<string, int> _params = [];

    /// <summary>
    /// Declares that the loop whose jumps back go to <paramref name="head"/> runs its body at most
    /// <paramref name="maxTurns"/> times a record (a ring's slots, a root's bits): MicroTiming bounds
    /// a record's cycles with it. The program must keep the promise; the machine does not check it.
    /// </summary>
    public void LoopBound(Label head, int maxTurns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTurns, 1);
        _loopBounds[head] = maxTurns;
    }

    private readonly Dictionary<Label, int> _loopBounds = [];

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
        Flush();
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
        Check(new(op));
        _block.Add((new(op), target));
        Flush();
        Delay();
    }

    /// <summary>Waits for the next record (a branch to itself until one has arrived), and its delay slots.</summary>
    public void Wait() => Op(new(MicroOp.Wait));

    /// <summary>Appends an instruction (a Wait ends its block, as a jump does).</summary>
    public void Op(MicroInstruction x)
    {
        if (x.Op is MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless)
            throw new ArgumentException("a jump needs its label: Jump(op, label)", nameof(x));
        Check(x);
        _block.Add((x, null));
        if (x.Branches)
        {
            Flush();
            Delay();
        }
        else if (!schedule)
        {
            Flush();
        }
    }

    /// <summary>
    /// Places the block's instructions. Scheduled, it is a list schedule: an instruction is ready when
    /// every earlier one it conflicts with (it reads what they write, writes what they read or write,
    /// the same for F and I, Out and Emit in order, a branch after all) is placed; at each slot the
    /// ready one that can go now (<see cref="Earliest"/>) with the longest chain of latencies after it
    /// goes, and a NOP when none can.
    /// </summary>
    private void Flush()
    {
        var block = _block.ToArray();
        _block.Clear();
        if (!schedule || block.Length <= 1)
        {
            foreach (var (x, target) in block)
                Put(x, target);
            return;
        }
        var n = block.Length;
        var predecessors = new List<int>[n];
        var latencyAfter = new int[n];
        var successors = new List<(int To, int Latency)>[n];
        for (var j = 0; j < n; j++)
        {
            predecessors[j] = [];
            successors[j] = [];
        }
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (Conflict(block[i].X, block[j].X) is { } latency)
                {
                    predecessors[j].Add(i);
                    successors[i].Add((j, latency));
                }
            }
        }
        for (var i = n - 1; i >= 0; i--)
            latencyAfter[i] = successors[i].Count == 0 ? 1 : successors[i].Max(s => s.Latency + latencyAfter[s.To]);
        var placed = new bool[n];
        for (var left = n; left > 0;)
        {
            var best = -1;
            for (var j = 0; j < n; j++)
            {
                if (placed[j] || predecessors[j].Any(i => !placed[i]) || Earliest(block[j].X) > _code.Count)
                    continue;
                if (best < 0 || latencyAfter[j] > latencyAfter[best])
                    best = j;
            }
            if (best < 0)
            {
                _code.Add(new(MicroOp.Nop));
                PaddingSlots++;
                continue;
            }
            Put(block[best].X, block[best].Target);
            placed[best] = true;
            left--;
        }
    }

    /// <summary>Whether <paramref name="later"/> must stay after <paramref name="earlier"/>, and the latency between them (for the priority), or null.</summary>
    private int? Conflict(MicroInstruction earlier, MicroInstruction later)
    {
        if (later.Branches)
            return 1;
        var (ew, lw) = (Writes(earlier), Writes(later));
        if (Overlap(ew, Reads(later, useA: true)) || Overlap(ew, Reads(later, useA: false)))
            return registerDistance;
        if (!ignoreWriteAfterRead && (Overlap(Reads(earlier, useA: true), lw) || Overlap(Reads(earlier, useA: false), lw)))
            return 1;
        if (Overlap(ew, lw))
            return 1;
        if (earlier.SetsFlag && later.ReadsFlag)
            return later.Op == MicroOp.Select ? CorePipeline.SelectFlagDistance : CorePipeline.BranchFlagDistance;
        if ((earlier.ReadsFlag || earlier.SetsFlag) && later.SetsFlag)
            return 1;
        var (eIndexed, lIndexed) = (earlier.IndexA || earlier.IndexD, later.IndexA || later.IndexD);
        if (earlier.Op == MicroOp.SetIndex && (lIndexed || later.Op == MicroOp.SetIndex))
            return CorePipeline.IndexDistance;
        if (eIndexed && later.Op == MicroOp.SetIndex)
            return 1;
        if (earlier.Op is MicroOp.Out or MicroOp.Emit && later.Op is MicroOp.Out or MicroOp.Emit)
            return 1;
        // The unit: a Take waits for the start before it; a start stays after the Takes and starts before it.
        if (earlier.StartsUnit && later.Op == MicroOp.Take)
            return CorePipeline.UnitDistance(earlier.Op);
        if (later.StartsUnit && (earlier.StartsUnit || earlier.Op == MicroOp.Take))
            return 1;
        return null;
    }

    private (int First, int Count) Writes(MicroInstruction x) =>
        x.WritesRegister ? (x.D, x.IndexD ? _regionSize[x.D] : 1) : (0, 0);

    private (int First, int Count) Reads(MicroInstruction x, bool useA) =>
        useA ? (x.ReadsA ? (x.A, x.IndexA ? _regionSize[x.A] : 1) : (0, 0))
             : (x.ReadsB ? (x.B, 1) : (0, 0));

    private static bool Overlap((int First, int Count) a, (int First, int Count) b) =>
        a.Count > 0 && b.Count > 0 && a.First < b.First + b.Count && b.First < a.First + a.Count;

    /// <summary>The first slot <paramref name="x"/> may take after what is placed, for the pipeline's distances.</summary>
    private int Earliest(MicroInstruction x)
    {
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
        if (x.Op == MicroOp.Take)
            earliest = Math.Max(earliest, _unitReady);
        return earliest;
    }

    /// <summary>Appends an instruction after the NOPs the pipeline needs before it.</summary>
    private void Put(MicroInstruction x, Label? target)
    {
        var earliest = Earliest(x);
        while (_code.Count < earliest)
        {
            _code.Add(new(MicroOp.Nop));
            PaddingSlots++;
        }
        var slot = _code.Count;
        // A Wait branches to itself until a record has arrived.
        _code.Add(x.Op == MicroOp.Wait ? x with { B = slot } : x);
        if (target is not null)
            _jumps.Add((slot, target));
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
        if (x.StartsUnit)
            _unitReady = slot + CorePipeline.UnitDistance(x.Op);
    }

    public MicroProgram Assemble()
    {
        Flush();
        if (_labels.Any(l => l.Slot < 0))
            throw new InvalidOperationException("a label was made and never placed");
        var code = _code.ToList();
        foreach (var (slot, target) in _jumps)
        {
            if (target.Slot < 0)
                throw new InvalidOperationException($"the jump at {slot} goes to a label never placed");
            code[slot] = code[slot] with { B = target.Slot };
        }
        var bounds = _loopBounds.ToDictionary(b => b.Key.Slot, b => b.Value);
        if (compress)
            (code, bounds) = Compressed(code, bounds);
        if (code.Count > MicroInstruction.MaxInstructions)
            throw new InvalidOperationException($"{code.Count} instructions: a jump's target holds {MicroInstruction.MaxInstructions}");
        return new MicroProgram(code, new Dictionary<int, long>(_initial), recordWords, outputWords, bounds,
            _params.ToDictionary(p => p.Value, p => p.Key));
    }

    /// <summary>The longest run one Idle takes (its count is the b field).</summary>
    public const int MaxIdle = MicroInstruction.Registers - 1;

    /// <summary>
    /// Each run of padding NOPs as Idles (the slots stay the same, so every distance holds; the ROM
    /// shrinks). Not a branch's delay slots (the fetch must not hold while a branch is taken), and a
    /// run is cut at a jump's target; targets are renumbered.
    /// </summary>
    private static (List<MicroInstruction> Code, Dictionary<int, int> LoopBounds) Compressed(List<MicroInstruction> code, Dictionary<int, int> loopBounds)
    {
        var keep = new bool[code.Count];
        var target = new bool[code.Count + 1];
        for (var i = 0; i < code.Count; i++)
        {
            if (code[i].Branches)
            {
                target[code[i].B] = true;
                for (var k = i; k <= i + CorePipeline.BranchDelaySlots && k < code.Count; k++)
                    keep[k] = true;
            }
        }
        foreach (var head in loopBounds.Keys)
            target[head] = true;
        var map = new int[code.Count + 1];
        var result = new List<MicroInstruction>(code.Count);
        for (var i = 0; i < code.Count;)
        {
            map[i] = result.Count;
            if (code[i].Op != MicroOp.Nop || keep[i])
            {
                result.Add(code[i++]);
                continue;
            }
            var run = 1;
            while (i + run < code.Count && run < MaxIdle && code[i + run].Op == MicroOp.Nop && !keep[i + run] && !target[i + run])
                run++;
            result.Add(run == 1 ? new(MicroOp.Nop) : new(MicroOp.Idle, 0, 0, run));
            i += run;
        }
        map[code.Count] = result.Count;
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Branches)
                result[i] = result[i] with { B = map[result[i].B] };
        }
        // A loop's head is a jump's target, so a run never swallows it.
        return (result, loopBounds.ToDictionary(b => map[b.Key], b => b.Value));
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
        if ((x.IndexA || x.IndexD) && x.Op != MicroOp.Add)
            throw new ArgumentException($"{x}: only an Add is indexed (the 32-bit word has op codes for it, no index bits)", nameof(x));
        if (x.Op == MicroOp.Take && x.B is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(x), $"unit word {x.B}: the unit has 3");
        if (x.Op == MicroOp.Idle)
            throw new ArgumentException("Idle is the assembler's own (runs of padding)", nameof(x));
        if (x.ReadsB)
            InRange(x.B, "b");
    }
}
