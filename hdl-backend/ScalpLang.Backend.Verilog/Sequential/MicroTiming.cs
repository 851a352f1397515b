namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The longest a record can take in a program, counted as MicroMachine counts cycles (one an
/// instruction, an Idle its slots, a taken jump its delay slots too): from the Wait that takes the
/// record to the last Emit it can reach, and to the next Wait. A module around the core states its
/// latency and its record interval from these, so they must be bounds for every record. A loop
/// counts as many turns as its bound (MicroAssembler.LoopBound) says, each as long as the body's
/// longest turn; a loop without a bound, or one inside another, is refused with the place.
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
        var loopBounds = program.LoopBounds ?? new Dictionary<int, int>();
        var (order, backEdges) = PostOrder(code, loopBounds);
        // Longest cycles from an instruction's own cycle to a Wait's (0 at a Wait), and to an Emit's (-1: none).
        var toWait = new long[n];
        var toEmit = new long[n];
        foreach (var pc in order)
        {
            var x = code[pc];
            if (x.Op == MicroOp.Wait)
            {
                (toWait[pc], toEmit[pc]) = (0, -1);
                continue;
            }
            long wait = long.MinValue, emit = x.Op == MicroOp.Emit ? 0 : -1;
            foreach (var (next, cost) in Successors(code, pc))
            {
                if (backEdges.Contains((pc, next)))
                    continue;
                wait = Math.Max(wait, cost + toWait[next]);
                if (toEmit[next] >= 0)
                    emit = Math.Max(emit, cost + toEmit[next]);
            }
            if (wait == long.MinValue)
                throw new InvalidOperationException($"instruction {pc} ({x}) leads to no Wait: the program would run off its end");
            if (loopBounds.TryGetValue(pc, out var turns) && backEdges.Any(e => e.To == pc))
            {
                // The loop's other turns, each at most the longest way around (head to a jump back, and the jump).
                var around = backEdges.Where(e => e.To == pc).Max(e => Longest(code, backEdges, loopBounds, pc, e.From) + Cost(code[e.From], taken: true));
                var more = (long)(turns - 1) * around;
                wait += more;
                if (emit >= 0)
                    emit += more;
            }
            (toWait[pc], toEmit[pc]) = (wait, emit);
        }
        long mostToWait = 0, mostToEmit = 0;
        for (var pc = 0; pc < n; pc++)
        {
            // A Wait that takes a record goes on to the next instruction a cycle later.
            if (code[pc].Op != MicroOp.Wait || pc + 1 >= n)
                continue;
            mostToWait = Math.Max(mostToWait, 1 + toWait[pc + 1]);
            if (toEmit[pc + 1] >= 0)
                mostToEmit = Math.Max(mostToEmit, 1 + toEmit[pc + 1]);
        }
        var start = n == 0 ? 0 : 1 + toWait[0];
        if (Math.Max(mostToWait, start) > int.MaxValue)
            throw new InvalidOperationException($"a record's bound is {Math.Max(mostToWait, start)} cycles: more than the module's counters take");
        return new Bounds((int)mostToEmit, (int)mostToWait, (int)start);
    }

    /// <summary>An instruction's cycles: an Idle its slots, a taken jump its delay slots too.</summary>
    private static int Cost(MicroInstruction x, bool taken) =>
        (x.Op == MicroOp.Idle ? x.B : 1) + (taken ? CorePipeline.BranchDelaySlots : 0);

    /// <summary>Where an instruction goes and the cycles it takes to get there.</summary>
    private static IEnumerable<(int Next, int Cost)> Successors(IReadOnlyList<MicroInstruction> code, int pc)
    {
        var x = code[pc];
        if (x.Op is MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless)
            yield return (x.B, Cost(x, taken: true));
        if (x.Op != MicroOp.Jump && pc + 1 < code.Count)
            yield return (pc + 1, Cost(x, taken: false));
    }

    /// <summary>
    /// The longest way from a loop's head to one of its jumps back, in cycles, not counting the jump's
    /// own: over the body's paths without the jumps back; a body holding another loop is refused.
    /// </summary>
    private static long Longest(IReadOnlyList<MicroInstruction> code, HashSet<(int From, int To)> backEdges, IReadOnlyDictionary<int, int> loopBounds, int head, int source)
    {
        var memo = new Dictionary<int, long>();
        long From(int pc)
        {
            if (pc == source)
                return 0;
            if (memo.TryGetValue(pc, out var known))
                return known;
            memo[pc] = long.MinValue;   // a path through pc not found (yet)
            var best = long.MinValue;
            if (code[pc].Op != MicroOp.Wait)
            {
                foreach (var (next, cost) in Successors(code, pc))
                {
                    if (backEdges.Contains((pc, next)))
                        continue;
                    var rest = From(next);
                    if (rest != long.MinValue)
                        best = Math.Max(best, cost + rest);
                }
            }
            if (best != long.MinValue && pc != head && loopBounds.ContainsKey(pc) && backEdges.Any(e => e.To == pc))
                throw new InvalidOperationException($"the loop at instruction {head} holds another loop (at {pc}): nested loops have no bound here");
            memo[pc] = best;
            return best;
        }
        return From(head);
    }

    /// <summary>
    /// The instructions reachable from the program's start and from each Wait's next, successors
    /// before the instructions that lead to them, and the jumps back to a loop's head; a path back to
    /// an instruction still being followed that is no bounded loop's head is refused.
    /// </summary>
    private static (List<int> Order, HashSet<(int From, int To)> BackEdges) PostOrder(IReadOnlyList<MicroInstruction> code, IReadOnlyDictionary<int, int> loopBounds)
    {
        var state = new byte[code.Count];   // 0 unseen, 1 on the path, 2 done
        var order = new List<int>(code.Count);
        var backEdges = new HashSet<(int, int)>();
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
                    {
                        if (!loopBounds.ContainsKey(next))
                            throw new InvalidOperationException($"the program loops from instruction {pc} back to {next} ({code[next]}) without a Wait or a bound: no bound on a record's cycles");
                        backEdges.Add((pc, next));
                        continue;
                    }
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
        return (order, backEdges);
    }

    /// <summary>A Wait's paths end there: the record after it is another record's.</summary>
    private static IEnumerable<(int Next, int Cost)> Follow(IReadOnlyList<MicroInstruction> code, int pc) =>
        code[pc].Op == MicroOp.Wait ? [] : Successors(code, pc);
}
