using System.Diagnostics;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// Checks the invariants every backend relies on. A violation is a compiler bug, not a user
/// error, so it throws (UnreachableException) with every problem found.
/// </summary>
public static class IrVerifier
{
    public static void Verify(IrProgram program)
    {
        var problems = Problems(program);
        if (problems.Count > 0)
            throw new UnreachableException($"invalid IR for {program.Name}:\n  " + string.Join("\n  ", problems));
    }

    public static List<string> Problems(IrProgram program)
    {
        var problems = new List<string>();
        var nodes = program.Nodes;
        void Check(bool ok, string problem)
        {
            if (!ok)
                problems.Add(problem);
        }
        bool Defined(IrValue v, int before) => v.Id >= 0 && v.Id < before;
        bool IsBool(IrValue v) => v.Id < nodes.Length && nodes[v.Id].Type.Kind == TypeKind.Bool;
        bool IsNumber(IrValue v) => v.Id < nodes.Length && nodes[v.Id].Type.Kind == TypeKind.Number;
        bool IsLoadTimeConstant(IrValue v) => v.Id < nodes.Length && nodes[v.Id] is IrConst or IrParam;
        bool IsNs(IrValue v) => v.Id < nodes.Length && nodes[v.Id].Type == ScalpType.Duration;

        for (var i = 0; i < nodes.Length; i++)
        {
            var node = nodes[i];
            Check(node.Id == i, $"node {i} has id {node.Id}");
            Check(node.Type.Kind is TypeKind.Bool or TypeKind.Number, $"%{i} has type {node.Type}, not a concrete type");
            foreach (var operand in node.Operands)
                Check(Defined(operand, i), $"%{i} reads {operand}, which is not defined before it");
            switch (node)
            {
                case IrParam p:
                    Check(p.Index >= 0 && p.Index < program.Params.Length && program.Params[p.Index].Type == p.Type, $"%{i} is a bad param reference");
                    break;
                case IrInput input:
                    var depthInput = input.Kind is IrInputKind.BidDepth or IrInputKind.AskDepth;
                    Check(depthInput ? input.Levels >= 1 && input.Levels <= program.BookDepth : input.Levels == 0, $"%{i} reads {input.Levels} levels");
                    Check(input.LevelsParam is not { } lp || depthInput && lp >= 0 && lp < program.Params.Length, $"%{i} reads its levels from a bad param");
                    break;
                case IrOperation o:
                    var arity = o.Op switch
                    {
                        IrOp.Negate or IrOp.Not => 1,
                        IrOp.Select => 3,
                        _ => 2,
                    };
                    Check(o.Args.Length == arity, $"%{i} {o.Op} has {o.Args.Length} operands");
                    if (o.Op is IrOp.And or IrOp.Or or IrOp.Not)
                        Check(o.Args.All(IsBool) && o.Type.Kind == TypeKind.Bool, $"%{i} {o.Op} needs bools");
                    else if (o.Op == IrOp.Select)
                        Check(o.Args.Length == 3 && IsBool(o.Args[0]), $"%{i} select needs a bool condition");
                    else if (o.Op is >= IrOp.Less and <= IrOp.NotEqual)
                        Check(o.Type.Kind == TypeKind.Bool && o.Args.Length == 2 && IsNs(o.Args[0]) == IsNs(o.Args[1]),
                            $"%{i} compares values of different representations");
                    else
                        Check(o.Type.Kind == TypeKind.Number && o.Args.All(IsNumber), $"%{i} {o.Op} needs numbers");
                    break;
                case IrSentiment n:
                    Check(n.Slot >= 0 && n.Slot < program.Sentiments.Length && program.Sentiments[n.Slot].Name == n.Name, $"%{i} reads a bad sentiment slot");
                    break;
                case IrModelScore score:
                    problems.AddRange(ModelListing.Problems(score, nodes));
                    break;
                case IrWindow w:
                    Check(IsLoadTimeConstant(w.Window) && IsNs(w.Window), $"%{i} window length is not a load-time duration");
                    Check(w.Bar is null || IsLoadTimeConstant(w.Bar.Value) && IsNs(w.Bar.Value), $"%{i} bar is not a load-time duration");
                    Check(w.Kind is IrWindowKind.Ema or IrWindowKind.Sma or IrWindowKind.Zscore == w.Operand is not null, $"%{i} {w.Kind} operand mismatch");
                    Check(w.Kind == IrWindowKind.Atr == w.Bar is not null, $"%{i} {w.Kind} bar mismatch");
                    break;
            }
        }
        foreach (var d in program.Decisions)
        {
            Check(Defined(d.Condition, nodes.Length) && IsBool(d.Condition), $"decision {d.Name}: condition {d.Condition} is not a defined bool");
            switch (d.Action)
            {
                case IrTrade t:
                    Check(Defined(t.Quantity, nodes.Length) && nodes[t.Quantity.Id].Type == ScalpType.Lots, $"decision {d.Name}: quantity is not lots");
                    Check(t.LimitPrice is not { } p || Defined(p, nodes.Length) && nodes[p.Id].Type == ScalpType.Price, $"decision {d.Name}: limit is not a price");
                    Check(d.Kind == IrDecisionKind.Rule, $"decision {d.Name}: only rules trade");
                    if (t.Slicer is { } s)
                    {
                        bool iceberg = s.Algorithm == Syntax.SliceAlgorithm.Iceberg;
                        Check(iceberg
                            ? s.Show is { } q && Defined(q, nodes.Length) && IsLoadTimeConstant(q) && nodes[q.Id].Type == ScalpType.Lots && t.LimitPrice is not null
                            : s.Over is { } o && s.Slices is { } n && Defined(o, nodes.Length) && Defined(n, nodes.Length) && IsLoadTimeConstant(o) && IsLoadTimeConstant(n),
                            $"decision {d.Name}: the slicer's values are not load-time constants (or an iceberg has no limit)");
                    }
                    break;
                case IrKill:
                    Check(d.Kind == IrDecisionKind.CircuitBreaker, $"decision {d.Name}: only circuit breakers kill");
                    break;
            }
        }
        var rules = program.Decisions.Where(d => d.Kind == IrDecisionKind.Rule).Select(d => d.Priority).ToList();
        Check(rules.SequenceEqual(rules.OrderDescending()), "rules are not in descending priority");
        var order = program.Decisions.Select(d => (int)d.Kind).ToList();
        Check(order.SequenceEqual(order.Order()), "decisions are not ordered breakers, exits, rules");
        foreach (var limit in program.RiskLimits)
        {
            Check(Defined(limit.Value, nodes.Length) && IsLoadTimeConstant(limit.Value), $"risk {limit.Kind}: value is not a load-time constant node");
            Check(limit.Per is not { } per || Defined(per, nodes.Length) && IsLoadTimeConstant(per) && IsNs(per), $"risk {limit.Kind}: per is not a load-time duration");
        }
        foreach (var (name, value) in program.Signals)
            Check(Defined(value, nodes.Length), $"signal {name} is {value}, not a node");
        return problems;
    }
}
