using System.Collections.Immutable;
using ScalpLang.Backend.Verilog;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Hdl.Synth;

/// <summary>A value the decisions read that is built at the full 64 bits, where it comes from, and why.</summary>
public sealed record FullWidthValue(string Wire, string Origin, string Why);

/// <summary>
/// Which values forced a full-width (64-bit) wire, from the Verilog backend's range analysis
/// (<see cref="RangeAnalysis.Result.FullWidthCauses"/>), named as the module names them
/// (<c>sig_&lt;signal&gt;</c>, else <c>n&lt;id&gt;</c>) and limited to what some decision reads, as the
/// module's header lists them.
/// </summary>
public static class FullWidthValues
{
    public static ImmutableArray<FullWidthValue> Find(IrProgram program, int? bookLevels = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        var used = ReadByDecisions(program);
        var ranges = RangeAnalysis.Infer(program, bookLevels ?? program.BookDepth);
        return [.. ranges.FullWidthCauses.Where(c => used.Contains(c.Node)).Select(c => new FullWidthValue(WireName(program, c.Node), Origin(program, c.Node), c.Why))];
    }

    private static string WireName(IrProgram program, int id)
    {
        var signal = program.Signals.Where(s => s.Value.Id == id).Select(s => s.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        return signal is null ? $"n{id}" : $"sig_{signal}";
    }

    private static string Origin(IrProgram program, int id) =>
        program.Origins.TryGetValue(id, out var o) ? $"{Path.GetFileName(o.Source.Path)}:{o.Start.Line}" : "generated";

    private static HashSet<int> ReadByDecisions(IrProgram program)
    {
        var used = new HashSet<int>();
        var pending = new Stack<int>();
        foreach (var d in program.Decisions)
        {
            pending.Push(d.Condition.Id);
            IrValue?[] values = d.Action switch
            {
                IrTrade t => [t.Quantity, t.LimitPrice],
                IrFlatten f => [f.StandAside],
                _ => [],
            };
            foreach (var v in values.OfType<IrValue>())
                pending.Push(v.Id);
        }
        while (pending.TryPop(out var id))
        {
            if (used.Add(id))
            {
                foreach (var operand in program.Nodes[id].Operands)
                    pending.Push(operand.Id);
            }
        }
        return used;
    }
}
