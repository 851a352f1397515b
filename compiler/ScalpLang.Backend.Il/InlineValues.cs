using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Il;

/// <summary>
/// The pure nodes Evaluate computes where they are read, on the evaluation stack, instead of into
/// a local: constants, and values read exactly once by code that can take them from the stack.
/// </summary>
/// <remarks>
/// Why: the JIT does not inline a method with more than 32 locals (MAX_INL_LCLS), whatever its
/// attributes, and a host loop that sees one strategy type inlines its Evaluate (guarded
/// devirtualization) only if it can. One local per node gave examples/imbalance_scalper.scalp 77.
/// A node read once is computed once either way; being pure (operators, view fields, params), it
/// can move to its reader without changing a result.
/// </remarks>
internal static class InlineValues
{
    /// <param name="conjuncts">How the emitter splits a decision's condition (flattened <c>and</c>s).</param>
    /// <param name="recordsApart">Windows whose operand is read once on record and again for the value.</param>
    public static HashSet<int> Find(IrProgram program, Func<IrValue, IEnumerable<IrValue>> conjuncts, Func<IrWindowKind, bool> recordsApart)
    {
        var reads = new Dictionary<int, int>();
        var fixedReads = new HashSet<int>(); // read by code that needs a local (a multiply's loads, model features, script arguments)
        var visited = new HashSet<int>();
        var pending = new Stack<int>();

        void Read(IrValue value, bool fromStack)
        {
            reads[value.Id] = reads.GetValueOrDefault(value.Id) + 1;
            if (!fromStack)
                fixedReads.Add(value.Id);
            if (visited.Add(value.Id))
                pending.Push(value.Id);
        }

        // Roots: what the state prologue advances, each decision's conjuncts and its action's operands.
        foreach (var node in program.Nodes)
        {
            switch (node)
            {
                case IrWindow w when recordsApart(w.Kind):
                    if (w.Operand is { } sample)
                        Read(sample, fromStack: true); // Record(...) in the prologue
                    break;
                case IrWindow or IrPeakSinceEntry:
                    if (visited.Add(node.Id))
                        pending.Push(node.Id);
                    break;
                case IrNeuralModel neural:
                    foreach (var feature in neural.Features)
                        Read(feature, fromStack: false);
                    break;
            }
        }
        foreach (var decision in program.Decisions)
        {
            foreach (var conjunct in conjuncts(decision.Condition).Distinct())
                Read(conjunct, fromStack: true);
            foreach (var operand in ActionOperands(decision.Action))
                Read(operand, fromStack: true);
        }

        while (pending.TryPop(out var id))
        {
            switch (program.Nodes[id])
            {
                case IrOperation { Op: IrOp.Multiply } product:
                    // A constant factor is split at build time and never loaded.
                    foreach (var factor in product.Args.Where(a => program[a] is not IrConst))
                        Read(factor, fromStack: false);
                    break;
                case IrModelScore or IrScriptCall:
                    foreach (var operand in program.Nodes[id].Operands)
                        Read(operand, fromStack: false);
                    break;
                case IrNeuralModel:
                    break; // its features were read by the prologue
                case IrWindow w:
                    if (w.Operand is { } windowOperand)
                        Read(windowOperand, fromStack: true);
                    break;
                case var node:
                    foreach (var read in node.Operands)
                        Read(read, fromStack: true);
                    break;
            }
        }

        var inline = new HashSet<int>();
        foreach (var (id, count) in reads)
        {
            if (fixedReads.Contains(id))
                continue;
            var node = program.Nodes[id];
            if (node is IrConst || (count == 1 && node is IrOperation or IrInput or IrParam))
                inline.Add(id);
        }
        return inline;
    }

    private static IEnumerable<IrValue> ActionOperands(IrAction action) => action switch
    {
        IrTrade t => new[] { t.Quantity, t.LimitPrice, t.Slicer?.Over, t.Slicer?.Slices, t.Slicer?.Show }.OfType<IrValue>(),
        IrFlatten f => f.StandAside is { } standAside ? [standAside] : [],
        _ => [],
    };
}
