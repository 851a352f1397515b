using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    private readonly Dictionary<ExecutionSymbol, BoundSlicer> _executionSlicers = [];

    [Flags]
    private enum ActionKinds
    {
        Buy = 1,
        Sell = 2,
        Wait = 4,
        CancelAll = 8,
        Flatten = 16,
        Kill = 32,
    }

    private BoundAction BindAction(ActionSyntax syntax, string place, ActionKinds allowed)
    {
        var (kind, word) = syntax switch
        {
            TradeActionSyntax { Side: OrderSide.Buy } => (ActionKinds.Buy, "buy"),
            TradeActionSyntax => (ActionKinds.Sell, "sell"),
            WaitActionSyntax => (ActionKinds.Wait, "wait"),
            CancelAllActionSyntax => (ActionKinds.CancelAll, "cancel_all"),
            FlattenActionSyntax => (ActionKinds.Flatten, "flatten"),
            KillActionSyntax => (ActionKinds.Kill, "kill"),
            _ => (default(ActionKinds), ""),
        };
        if (kind == default)
            return new BoundErrorAction(syntax.Span);
        if (!allowed.HasFlag(kind))
        {
            Report(DiagnosticDescriptors.ActionNotAllowed, new Text.TextSpan(syntax.Span.Start, word.Length), word, place, Describe(allowed));
            return new BoundErrorAction(syntax.Span);
        }
        return syntax switch
        {
            TradeActionSyntax trade => BindTrade(trade),
            WaitActionSyntax => new BoundWaitAction(syntax.Span),
            CancelAllActionSyntax => new BoundCancelAllAction(syntax.Span),
            FlattenActionSyntax flatten => new BoundFlattenAction(
                flatten.StandAside is { } d ? RequirePositive(BindExpression(d, ScalpType.Duration, "the stand-aside time of flatten"), "the stand-aside time of flatten") : null,
                syntax.Span),
            _ => new BoundKillAction(syntax.Span),
        };
    }

    private BoundTradeAction BindTrade(TradeActionSyntax trade)
    {
        var side = trade.Side == OrderSide.Buy ? "buy" : "sell";
        var quantity = RequirePositive(BindExpression(trade.Quantity, ScalpType.Lots, $"the quantity of '{side}'"), $"the quantity of '{side}'");
        var price = trade.LimitPrice is { } p ? BindExpression(p, ScalpType.Price, $"the limit price of '{side}'") : null;
        BoundSlicer? slicer = null;
        switch (trade.Via)
        {
            case InlineExecutionSyntax inline:
                slicer = BindSlicer(inline.Algo);
                break;
            case NamedExecutionSyntax { Name.IsMissing: false } named:
                if (_globals.TryGetValue(named.Name.Text, out var symbol) && symbol is ExecutionSymbol execution)
                {
                    _used.Add(execution);
                    slicer = ExecutionSlicer(execution);
                }
                else
                {
                    ReportWithHelp(DiagnosticDescriptors.UnknownNamedExecution, named.Name.Span,
                        Spelling.DidYouMean(named.Name.Text, _globals.Values.OfType<ExecutionSymbol>().Select(e => e.Name)), named.Name.Text);
                }
                break;
        }
        if (slicer is { Algorithm: SliceAlgorithm.Iceberg } && price is null)
            Report(DiagnosticDescriptors.IcebergAtMarket, trade.Span, side);
        return new BoundTradeAction(trade.Side, quantity, price, slicer, trade.Span);
    }

    /// <summary>Binds a named execution once, on first use or at its declaration, whichever comes first.</summary>
    private BoundSlicer ExecutionSlicer(ExecutionSymbol execution)
    {
        if (_executionSlicers.TryGetValue(execution, out var slicer))
            return slicer;
        var saved = _currentSource;
        _currentSource = execution.Location.Source;
        slicer = BindSlicer(execution.Syntax.Algo);
        _currentSource = saved;
        _executionSlicers[execution] = slicer;
        return slicer;
    }

    private static string Describe(ActionKinds allowed) =>
        string.Join(", ", Enum.GetValues<ActionKinds>().Where(k => allowed.HasFlag(k)).Select(k => k switch
        {
            ActionKinds.CancelAll => "cancel_all",
            _ => k.ToString().ToLowerInvariant(),
        }));
}
