using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// A deterministic text form of the IR (`scalp build --emit ir`, golden tests). Constants are
/// printed as exact decimals (durations in ns); every line is one node or decision.
/// </summary>
public static class IrPrinter
{
    public static string Print(IrProgram program)
    {
        var sb = new StringBuilder();
        sb.Append("strategy ").Append(program.Name).Append('\n');
        if (program.Instrument is { } i)
            sb.Append(CultureInfo.InvariantCulture, $"instrument \"{i.Symbol}\" tick {i.TickSize} lot {i.LotSize} currency {i.Currency}\n");
        sb.Append(CultureInfo.InvariantCulture, $"book depth {program.BookDepth}\n");

        sb.Append("\nparams\n");
        for (var p = 0; p < program.Params.Length; p++)
        {
            var info = program.Params[p];
            sb.Append(CultureInfo.InvariantCulture, $"  ${p} {info.Name}: {info.Type} = {Value(info.Type, info.Default)}");
            if (info.Lower is { } lo && info.Upper is { } hi)
                sb.Append(" in ").Append(Value(info.Type, lo)).Append("..").Append(Value(info.Type, hi));
            sb.Append('\n');
        }

        var signalOf = program.Signals.GroupBy(s => s.Value).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(s => s.Key).Order(StringComparer.Ordinal)));
        sb.Append("\nnodes\n");
        foreach (var node in program.Nodes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  %{node.Id}: {node.Type} = {Describe(program, node)}");
            if (signalOf.TryGetValue(node.Value, out var names))
                sb.Append("    ; signal ").Append(names);
            sb.Append('\n');
        }

        sb.Append("\ndecisions\n");
        foreach (var d in program.Decisions)
        {
            var kind = d.Kind switch
            {
                IrDecisionKind.CircuitBreaker => "breaker",
                IrDecisionKind.Exit => "exit",
                _ => $"rule priority {d.Priority}",
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {kind} {d.Name} when {d.Condition} => {Action(d.Action)}\n");
        }

        if (!program.RiskLimits.IsEmpty)
        {
            sb.Append("\nrisk\n");
            foreach (var limit in program.RiskLimits)
                sb.Append(CultureInfo.InvariantCulture, $"  {Snake(limit.Kind.ToString())} {limit.Value}{(limit.Per is { } per ? $" per {per}" : "")}\n");
        }
        return sb.ToString();
    }

    /// <summary>A literal count, or <c>$k</c> (the param read at load time) with its default.</summary>
    private static string LevelsText(int levels, int? param) => param is { } p ? $"${p} (default {levels})" : $"{levels}";

    private static string Describe(IrProgram program, IrNode node) => node switch
    {
        IrConst c => "const " + Value(c.Type, c.Raw),
        IrParam p => $"param ${p.Index} {program.Params[p.Index].Name}",
        IrInput i => i.Levels > 0 ? $"input {Snake(i.Kind.ToString())}[{LevelsText(i.Levels, i.LevelsParam)}]" : $"input {Snake(i.Kind.ToString())}",
        IrOperation o => $"{Snake(o.Op.ToString())} {string.Join(", ", o.Args)}",
        IrWindow w => $"window {Snake(w.Kind.ToString())}(window: {w.Window}" +
                      (w.Bar is { } b ? $", bar: {b}" : "") +
                      (w.Operand is { } o ? $", of: {o}" : "") +
                      (w.Levels > 0 ? $", levels: {LevelsText(w.Levels, w.LevelsParam)}" : "") + ")",
        IrPeakSinceEntry p => $"peak_since_entry {p.Operand}",
        IrModel m => $"model {m.Name} \"{m.Path}\" [{string.Join(", ", m.Features)}]",
        IrSentiment n => $"sentiment {n.Name} slot {n.Slot}",
        IrNeuralModel n => $"onnx_model {n.Name} \"{System.IO.Path.GetFileName(n.Path)}\" [{string.Join(", ", n.Features)}] history {n.History}",
        IrScriptCall s => $"call_csx {s.Function.Name} \"{s.Library.DisplayPath}\" ({string.Join(", ", s.Args)})",
        IrModelScore s => ModelListing.Describe(s),
        _ => node.GetType().Name,
    };

    private static string Action(IrAction action) => action switch
    {
        IrTrade t => $"{(t.Side == Syntax.OrderSide.Buy ? "buy" : "sell")} {t.Quantity} at {(t.LimitPrice is { } p ? p.ToString() : "market")}" +
                     (t.Slicer is { Algorithm: Syntax.SliceAlgorithm.Iceberg } i ? $" via iceberg show {i.Show}"
                      : t.Slicer is { } s ? $" via {s.Algorithm.ToString().ToLowerInvariant()} over {s.Over} slices {s.Slices}" : ""),
        IrWait => "wait",
        IrCancelAll => "cancel_all",
        IrFlatten f => f.StandAside is { } d ? $"flatten then wait {d}" : "flatten",
        _ => "kill",
    };

    private static string Value(ScalpType type, long raw) => type.Kind switch
    {
        TypeKind.Bool => raw != 0 ? "true" : "false",
        _ when type.Unit == Unit.Duration => $"{raw.ToString(CultureInfo.InvariantCulture)}ns",
        _ => new Fixed(raw).ToString(),
    };

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
