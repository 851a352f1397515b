using System.Collections.Immutable;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Cuts the evaluation into pipeline stages (VerilogOptions.PipelineStages = N): each node gets a
/// stage 0..N by its estimated delay from the book registers, and a node reads an operand of an
/// earlier stage from registers that carry it stage by stage. Feedback stays in stage 0: a window
/// or a peak since entry updates its registers in the evaluation cycle from its operand, and the
/// next evaluation (one cycle later) reads them, so they and every value they read are pinned to
/// stage 0. A window kept in block RAM (WindowSumRing) updates its state in stage 0 too, but its
/// value needs the RAM's registered read, so the window itself is stage 1 (its operands stay in
/// stage 0). A model's score and its features form one combinational block: they join the latest
/// stage their operands have and never open one. The decisions read stage N. The book, the windows and the portfolio depend on the
/// tape's records only (the host's fills included), never on a decision, so the later stages are
/// a stream in event order and the module still takes one record per cycle.
/// </summary>
internal static class PipelinePlan
{
    /// <summary>Estimated delay units: about one LUT level and its routing; a carry bit is a twelfth of one.</summary>
    private const double CarryBitsPerUnit = 12;

    /// <param name="quotientComparisons">comparisons QuotientComparisons decides without dividing.</param>
    /// <param name="simulationOnly">divisions those comparisons made unused in synthesis: no delay.</param>
    /// <param name="operandsRead">
    /// the values a node's logic reads that carry a path (ModuleWriter's view: a quotient comparison
    /// reads the division's operands; values fixed at elaboration are left out).
    /// </param>
    /// <param name="decisionValues">the conditions and action values the decision list reads at the last stage.</param>
    /// <param name="ramWindows">windows whose value is read from block RAM: stage 1 (stages is then at least 1).</param>
    public static ImmutableArray<int> Assign(IrProgram program, IReadOnlyList<bool> used, Func<int, int> width, Func<IrNode, IEnumerable<IrValue>> operandsRead,
        IReadOnlySet<int> quotientComparisons, IReadOnlySet<int> simulationOnly, IReadOnlyCollection<int> decisionValues, IReadOnlySet<int> ramWindows, int stages)
    {
        if (stages == 0)
            return [.. new int[program.Nodes.Length]];
        var pinned = PinnedToFirstStage(program, used, ramWindows);
        var unsplit = ModelBlocks(program, used, pinned, ramWindows);
        var nodes = program.Nodes.Where(n => used[n.Id]).ToList();
        var cost = new double[program.Nodes.Length];
        foreach (var node in nodes)
            cost[node.Id] = simulationOnly.Contains(node.Id) ? 0 : Cost(program, node, width, quotientComparisons);
        var reads = nodes.ToDictionary(n => n.Id, n => Read(n, operandsRead).ToList());
        // The decision list after the last values: the conditions' priority chain and the outputs' select.
        var decide = 2 + program.Decisions.Length / 4.0;
        var done = new double[program.Nodes.Length];
        foreach (var node in nodes)
            done[node.Id] = reads[node.Id].Select(o => done[o]).DefaultIfEmpty(0).Max() + cost[node.Id];
        var longest = decisionValues.Select(v => done[v] + decide).DefaultIfEmpty(decide).Max();
        // The smallest budget (from longest / (N + 1) up, 5% a step) whose packing fits N + 1 stages
        // with the decision list's own delay in the last one; pinned values overrun stage 0 as they must.
        var budget = longest / (stages + 1);
        for (var attempt = 0; ; attempt++, budget *= 1.05)
        {
            var (stage, fits) = Pack(nodes, reads, cost, pinned, ramWindows, unsplit, decisionValues, decide, budget, stages);
            if (fits || attempt == 200)
                return [.. stage.Select(x => Math.Min(x, stages))];
        }
    }

    /// <summary>
    /// In the IR's order a value joins the latest stage of its operands, or opens the next stage when
    /// it would push that stage's path past the budget (operands of earlier stages arrive from
    /// registers, at 0). Fits: no value past stage N, and the decision list fits after the last.
    /// </summary>
    private static (int[] Stage, bool Fits) Pack(List<IrNode> nodes, Dictionary<int, List<int>> reads, double[] cost, HashSet<int> pinned,
        IReadOnlySet<int> ramWindows, HashSet<int> unsplit, IReadOnlyCollection<int> decisionValues, double decide, double budget, int stages)
    {
        var stage = new int[cost.Length];
        var arrival = new double[cost.Length];
        foreach (var node in nodes)
        {
            if (ramWindows.Contains(node.Id))
            {
                // Its state is stage 0; its value starts from the registers the RAM read fills.
                (stage[node.Id], arrival[node.Id]) = (1, cost[node.Id]);
                continue;
            }
            var operands = reads[node.Id];
            var s = operands.Select(o => stage[o]).DefaultIfEmpty(0).Max();
            var start = operands.Where(o => stage[o] == s).Select(o => arrival[o]).DefaultIfEmpty(0).Max();
            if (!pinned.Contains(node.Id) && !unsplit.Contains(node.Id) && start > 0 && start + cost[node.Id] > budget)
                (s, start) = (s + 1, 0);
            (stage[node.Id], arrival[node.Id]) = pinned.Contains(node.Id) ? (0, start + cost[node.Id]) : (s, start + cost[node.Id]);
        }
        var fits = nodes.All(n => stage[n.Id] <= stages)
            && decisionValues.All(v => stage[v] < stages || arrival[v] + decide <= budget);
        return (stage, fits);
    }

    /// <summary>
    /// Inputs (they read the book and portfolio registers of the evaluation cycle), and windows,
    /// peaks since entry and every value they read: their registers close a loop each evaluation.
    /// A window in block RAM is not pinned itself (it is stage 1), but what it reads is.
    /// </summary>
    private static HashSet<int> PinnedToFirstStage(IrProgram program, IReadOnlyList<bool> used, IReadOnlySet<int> ramWindows)
    {
        var pinned = new HashSet<int>();
        var pending = new Stack<int>(program.Nodes.Where(n => used[n.Id] && n is IrInput or IrWindow or IrPeakSinceEntry).Select(n => n.Id));
        while (pending.TryPop(out var id))
        {
            if (!ramWindows.Contains(id) && !pinned.Add(id))
                continue;
            var operands = Operands(program.Nodes[id]);
            foreach (var operand in operands)
                pending.Push(operand.Id);
        }
        return pinned;
    }

    /// <summary>
    /// A model score and every value its features read that is not pinned or a RAM window: its section
    /// reads them as one combinational block, so they never open a stage of their own (with no RAM
    /// window among them they stay in stage 0, as before).
    /// </summary>
    private static HashSet<int> ModelBlocks(IrProgram program, IReadOnlyList<bool> used, HashSet<int> pinned, IReadOnlySet<int> ramWindows)
    {
        var block = new HashSet<int>();
        var pending = new Stack<int>(program.Nodes.Where(n => used[n.Id] && n is IrModelScore).Select(n => n.Id));
        while (pending.TryPop(out var id))
        {
            if (pinned.Contains(id) || ramWindows.Contains(id) || !block.Add(id))
                continue;
            foreach (var operand in Operands(program.Nodes[id]))
                pending.Push(operand.Id);
        }
        return block;
    }

    private static ImmutableArray<IrValue> Operands(IrNode node) => node is IrWindow w ? (w.Operand is { } o ? [o] : []) : node.Operands;

    /// <summary>The values a node's logic reads that carry a path (the caller leaves out values fixed at elaboration).</summary>
    private static IEnumerable<int> Read(IrNode node, Func<IrNode, IEnumerable<IrValue>> operandsRead) =>
        operandsRead(node).Select(o => o.Id);

    /// <summary>A carry chain per add, subtract or compare; a product as a tree of them; a divider as one per quotient bit.</summary>
    private static double Cost(IrProgram program, IrNode node, Func<int, int> width, IReadOnlySet<int> quotientComparisons)
    {
        double Chain(int bits) => 1 + bits / CarryBitsPerUnit;
        double Widest(IrOperation o) => o.Args.Max(a => width(a.Id));
        return node switch
        {
            IrConst or IrParam => 0,
            IrInput => 2,
            IrOperation { Op: IrOp.And or IrOp.Or or IrOp.Not } => 0.5,
            IrOperation { Op: IrOp.Select } => 1,
            IrOperation { Op: IrOp.Add or IrOp.Subtract or IrOp.Negate } o => Chain((int)Widest(o)),
            IrOperation { Op: IrOp.Multiply } o => Chain(o.Args.Sum(a => width(a.Id))) * (1 + Math.Log2(o.Args.Min(a => width(a.Id)))),
            // by a constant power of two: one biased shift (ModuleWriter)
            IrOperation { Op: IrOp.Divide } o when program.Nodes[o.Args[1].Id] is IrConst { Raw: > 0 } c && (c.Raw & (c.Raw - 1)) == 0 => Chain(width(o.Args[0].Id) + 18),
            IrOperation { Op: IrOp.Divide } o => Chain(width(o.Args[0].Id) + 17) * (width(o.Id) + 1),
            // q op t without dividing: a product by a build-time value, then a comparison.
            IrOperation o when quotientComparisons.Contains(o.Id) => Chain(80) * 6,
            IrOperation o => Chain((int)Widest(o)),
            _ => 8,
        };
    }
}
