using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// What this milestone of the Verilog target cannot build, as SL5xxx errors at the construct's
/// span (IrProgram.Origins): windows, portfolio inputs, execution slicers and models. Every node
/// is checked, used by a decision or not, because the IL advances every window on every event.
/// One construct that lowers to several refused nodes (unrealized reads position and entry
/// price) is reported once per code.
/// </summary>
internal static class Synthesizability
{
    public static ImmutableArray<Diagnostic> Check(IrProgram program)
    {
        var bag = new DiagnosticBag();
        var reported = new HashSet<(string, SourceLocation)>();
        void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args)
        {
            if (reported.Add((descriptor.Code, location)))
                bag.Report(descriptor, location, args);
        }
        SourceLocation At(int node) => program.Origins.TryGetValue(node, out var location) ? location : program.Location;
        // The node's origin and every call that evaluates to it (shared nodes have many).
        IEnumerable<SourceLocation> Sites(int node) =>
            program.CallSites.TryGetValue(node, out var calls) ? calls.Prepend(At(node)).Distinct() : [At(node)];
        string Text(SourceLocation location) => Shorten(location.Source.ToString(location.Span));

        // Built-in exits share their position and entry-price nodes, so each is named here itself.
        foreach (var decision in program.Decisions)
        {
            if (decision is { Kind: IrDecisionKind.Exit, Name: "take_profit" or "stop_loss" or "trailing_stop" or "time_stop", Location: { } at })
                Report(DiagnosticDescriptors.VerilogPortfolio, at, decision.Name, "the open position");
        }
        foreach (var node in program.Nodes)
        {
            switch (node)
            {
                case IrWindow w:
                    foreach (var site in Sites(w.Id))
                        Report(DiagnosticDescriptors.VerilogWindow, site, Text(site));
                    break;
                case IrPeakSinceEntry p:
                    Report(DiagnosticDescriptors.VerilogPortfolio, At(p.Id), Text(At(p.Id)), "the peak of the open position's P&L");
                    break;
                case IrInput { Kind: IrInputKind.Position or IrInputKind.EntryPrice or IrInputKind.TimeInPosition or IrInputKind.LossesInARow } i:
                    foreach (var site in Sites(i.Id))
                        Report(DiagnosticDescriptors.VerilogPortfolio, site, Text(site), PortfolioName(i.Kind));
                    break;
                case IrModel m:
                    Report(DiagnosticDescriptors.VerilogModel, m.Location, m.Name);
                    break;
                case IrScriptCall s:
                    Report(DiagnosticDescriptors.VerilogScriptCall, At(s.Id), Text(At(s.Id)), $"{s.Function.Name} ({s.Library.DisplayPath})");
                    break;
                case IrModelScore score:
                    Report(DiagnosticDescriptors.VerilogModel, score.Location, score.Name);
                    break;
            }
        }
        foreach (var decision in program.Decisions)
        {
            if (decision.Action is IrTrade { Slicer: not null } && decision.Location is { } location)
                Report(DiagnosticDescriptors.VerilogSlicer, location, decision.Name);
        }
        return bag.ToImmutable();
    }

    private static string PortfolioName(IrInputKind kind) => kind switch
    {
        IrInputKind.Position => "position",
        IrInputKind.EntryPrice => "entry_price",
        IrInputKind.TimeInPosition => "time_in_position",
        _ => "losses_in_a_row",
    };

    /// <summary>A construct's text for a message: one line, at most 60 characters.</summary>
    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
