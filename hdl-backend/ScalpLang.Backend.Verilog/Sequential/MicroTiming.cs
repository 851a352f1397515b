namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The longest a record can take in a program, counted as MicroMachine counts cycles (one an
/// instruction, an Idle its slots, a taken jump its delay slots too): from the Wait that takes the
/// record to the last Emit it can reach, and to the next Wait. A module around the core states its
/// latency and its record interval from these, so they must be bounds for every record: the
/// program's paths from a Wait must not loop (a loop's turns depend on data the analysis does not
/// see), and a program that loops is refused with the place.
/// </summary>
internal static class MicroTiming
{
    /// <summary>
    /// The bounds, over every Wait of the program: cycles to an Emit (0 when none is reachable) and to
    /// the next Wait; and from the program's start (after reset) to its first Wait.
    /// </summary>
    public readonly record struct Bounds(int WaitToEmit, int WaitToWait, int StartToWait);

    public static Bounds Of(MicroProgram program)
    {
        var code = program.Instructions;
        var n = code.Count;
        // Longest cycles from an instruction's own cycle to a Wait's (0 at a Wait), and to an Emit's (-1: none).
        var toWait = new int[n];
        var toEmit = new int[n];
        foreach (var pc in PostOrder(code))
        {
            var x = code[pc];
            if (x.Op == MicroOp.Wait)
            {
                (toWait[pc], toEmit[pc]) = (0, -1);
                continue;
            }
            int wait = int.MinValue, emit = x.Op == MicroOp.Emit ? 0 : -1;
            foreach (var (next, cost) in Successors(code, pc))
            {
                wait = Math.Max(wait, cost + toWait[next]);
                if (toEmit[next] >= 0)
                    emit = Math.Max(emit, cost + toEmit[next]);
            }
            if (wait == int.MinValue)
                throw new InvalidOperationException($"instruction {pc} ({x}) leads to no Wait: the program would run off its end");
            (toWait[pc], toEmit[pc]) = (wait, emit);
        }
        int mostToWait = 0, mostToEmit = 0;
        for (var pc = 0; pc < n; pc++)
        {
            // A Wait that takes a record goes on to the next instruction a cycle later.
            if (code[pc].Op != MicroOp.Wait || pc + 1 >= n)
                continue;
            mostToWait = Math.Max(mostToWait, 1 + toWait[pc + 1]);
            if (toEmit[pc + 1] >= 0)
                mostToEmit = Math.Max(mostToEmit, 1 + toEmit[pc + 1]);
        }
        return new Bounds(mostToEmit, mostToWait, n == 0 ? 0 : 1 + toWait[0]);
    }

    /// <summary>Where an instruction goes and the cycles it takes to get there (a Wait is a path's end, not followed).</summary>
    private static IEnumerable<(int Next, int Cost)> Successors(IReadOnlyList<MicroInstruction> code, int pc)
    {
        var x = code[pc];
        var cost = x.Op == MicroOp.Idle ? x.B : 1;
        if (x.Op is MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless)
            yield return (x.B, cost + CorePipeline.BranchDelaySlots);
        if (x.Op != MicroOp.Jump && pc + 1 < code.Count)
            yield return (pc + 1, cost);
    }

    /// <summary>
    /// The instructions reachable from the program's start and from each Wait's next, successors
    /// before the instructions that lead to them; a path back to an instruction still being followed
    /// is a loop, refused.
    /// </summary>
    private static List<int> PostOrder(IReadOnlyList<MicroInstruction> code)
    {
        var state = new byte[code.Count];   // 0 unseen, 1 on the path, 2 done
        var order = new List<int>(code.Count);
        var stack = new Stack<(int Pc, IEnumerator<(int Next, int Cost)> Next)>();
        var roots = Enumerable.Range(0, code.Count).Where(pc => code[pc].Op == MicroOp.Wait && pc + 1 < code.Count).Select(pc => pc + 1).Prepend(0);
        foreach (var root in roots)
        {
            if (state[root] != 0)
                continue;
            state[root] = 1;
            stack.Push((root, Follow(code, root).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (pc, successors) = stack.Peek();
                if (successors.MoveNext())
                {
                    var next = successors.Current.Next;
                    if (state[next] == 1)
                        throw new InvalidOperationException($"the program loops from instruction {pc} back to {next} ({code[next]}) without a Wait: no bound on a record's cycles");
                    if (state[next] == 0)
                    {
                        state[next] = 1;
                        stack.Push((next, Follow(code, next).GetEnumerator()));
                    }
                    continue;
                }
                stack.Pop();
                state[pc] = 2;
                order.Add(pc);
            }
        }
        return order;
    }

    /// <summary>A Wait's paths end there: the record after it is another record's.</summary>
    private static IEnumerable<(int Next, int Cost)> Follow(IReadOnlyList<MicroInstruction> code, int pc) =>
        code[pc].Op == MicroOp.Wait ? [] : Successors(code, pc);
}
