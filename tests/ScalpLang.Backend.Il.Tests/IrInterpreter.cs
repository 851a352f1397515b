using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// A reference evaluator of the IR, written for clarity: each operation through the compiler's
/// ConstantFolder (the executable form of the language reference), windows through the same
/// state machines the emitted code calls. The IL must take exactly its decisions.
/// </summary>
public sealed class IrInterpreter
{
    private readonly IrProgram _program;
    private readonly long[] _parameters;
    private readonly Dictionary<int, object> _state = [];
    private readonly long[] _values;

    public IrInterpreter(IrProgram program, IReadOnlyList<long> parameters)
    {
        _program = program;
        _parameters = [.. parameters];
        _values = new long[program.Nodes.Length];
        foreach (var node in program.Nodes)
        {
            _state[node.Id] = node switch
            {
                IrWindow w => CreateWindow(w),
                IrPeakSinceEntry => new PeakSinceEntry(),
                _ => null!,
            };
        }
    }

    private long Constant(IrValue value) => _program[value] switch
    {
        IrConst c => c.Raw,
        IrParam p => _parameters[p.Index],
        _ => throw new InvalidOperationException("not a load-time constant"),
    };

    private object CreateWindow(IrWindow w) => w.Kind switch
    {
        IrWindowKind.AvgDepth or IrWindowKind.Sma => new SmaWindow(Constant(w.Window)),
        IrWindowKind.CancelRate => new CancelRateWindow(Constant(w.Window)),
        IrWindowKind.AggressorRatio => new AggressorRatioWindow(Constant(w.Window)),
        IrWindowKind.TradeVolume => new TradeVolumeWindow(Constant(w.Window)),
        IrWindowKind.Vwap => new VwapWindow(Constant(w.Window)),
        IrWindowKind.Drawdown => new DrawdownWindow(Constant(w.Window)),
        IrWindowKind.Atr => new AtrWindow(Constant(w.Window), Constant(w.Bar!.Value)),
        IrWindowKind.Ema => new EmaWindow(Constant(w.Window)),
        _ => new ZscoreWindow(Constant(w.Window)),
    };

    /// <summary>The action the strategy takes on this event, or null.</summary>
    public StrategyAction? Evaluate(in MarketView view)
    {
        foreach (var node in _program.Nodes)
            _values[node.Id] = Compute(node, view);
        for (var d = 0; d < _program.Decisions.Length; d++)
        {
            var decision = _program.Decisions[d];
            if (decision.Kind == IrDecisionKind.Rule && view.Kind == MarketEventKind.Fill)
                return null; // after our own fill: breakers and exits only
            if (_values[decision.Condition.Id] != 0)
                return ToAction(decision.Action, d);
        }
        return null;
    }

    private long V(IrValue value) => _values[value.Id];

    /// <summary>A levels count: the literal, or the param's whole part as loaded.</summary>
    private int LevelsOf(int levels, int? param) => param is { } p ? (int)(_parameters[p] >> 16) : levels;

    private long Compute(IrNode node, in MarketView view)
    {
        switch (node)
        {
            case IrConst c:
                return c.Raw;
            case IrParam p:
                return _parameters[p.Index];
            case IrInput i:
                return i.Kind switch
                {
                    IrInputKind.BestBid => view.BestBid,
                    IrInputKind.BestAsk => view.BestAsk,
                    IrInputKind.BidDepth => view.BidDepthOver(LevelsOf(i.Levels, i.LevelsParam)),
                    IrInputKind.AskDepth => view.AskDepthOver(LevelsOf(i.Levels, i.LevelsParam)),
                    IrInputKind.LastPrice => view.LastPrice,
                    IrInputKind.Position => view.Position,
                    IrInputKind.EntryPrice => view.EntryPrice,
                    IrInputKind.TimeInPosition => view.TimeInPosition,
                    _ => view.LossesInARow,
                };
            case IrOperation o:
                return o.Op switch
                {
                    IrOp.Negate => ConstantFolder.Unary(UnaryOperator.Negate, V(o.Args[0])),
                    IrOp.Not => ConstantFolder.Unary(UnaryOperator.Not, V(o.Args[0])),
                    IrOp.Select => V(o.Args[0]) != 0 ? V(o.Args[1]) : V(o.Args[2]),
                    _ => ConstantFolder.Binary(IrBuilder.ToBinary(o.Op), V(o.Args[0]), V(o.Args[1])),
                };
            case IrWindow w:
                var ts = view.TsEvent;
                return _state[w.Id] switch
                {
                    TradeVolumeWindow t => t.Update(ts, view.TradeSize),
                    AggressorRatioWindow a => a.Update(ts, view.TradeSize, view.TradeAggressorBuy),
                    CancelRateWindow c => c.Update(ts, view.CancelledSize, view.AddedSize),
                    VwapWindow v => v.Update(ts, view.LastPrice, view.TradeSize),
                    SmaWindow s when w.Kind == IrWindowKind.AvgDepth => s.Update(ts, view.BidDepthOver(LevelsOf(w.Levels, w.LevelsParam)) + view.AskDepthOver(LevelsOf(w.Levels, w.LevelsParam))),
                    SmaWindow s => s.Update(ts, V(w.Operand!.Value)),
                    DrawdownWindow d => d.Update(ts, view.Equity),
                    AtrWindow a => a.Update(ts, view.LastPrice, view.Kind == MarketEventKind.Trade),
                    EmaWindow e => e.Update(ts, V(w.Operand!.Value)),
                    ZscoreWindow z => z.Update(ts, V(w.Operand!.Value)),
                    _ => throw new InvalidOperationException("unknown window"),
                };
            case IrModelScore model:
                return Compiler.Models.ModelScoring.Probability(model, [.. model.Features.Select(V)]);
            case IrPeakSinceEntry peak:
                return ((PeakSinceEntry)_state[peak.Id]).Update(V(peak.Operand), view.Position);
            default:
                throw new InvalidOperationException($"cannot interpret {node.GetType().Name}");
        }
    }

    private StrategyAction ToAction(IrAction action, int decision) => action switch
    {
        IrTrade t => new StrategyAction(t.Side == OrderSide.Buy ? ActionKind.Buy : ActionKind.Sell, decision, V(t.Quantity),
            t.LimitPrice is null, t.LimitPrice is { } p ? V(p) : 0,
            t.Slicer?.Algorithm switch
            {
                null => Runtime.Abi.SliceAlgorithm.None,
                Compiler.Syntax.SliceAlgorithm.Twap => Runtime.Abi.SliceAlgorithm.Twap,
                Compiler.Syntax.SliceAlgorithm.Vwap => Runtime.Abi.SliceAlgorithm.Vwap,
                _ => Runtime.Abi.SliceAlgorithm.Iceberg,
            },
            t.Slicer?.Over is { } over ? V(over) : 0,
            (t.Slicer?.Algorithm == Compiler.Syntax.SliceAlgorithm.Iceberg ? t.Slicer.Show : t.Slicer?.Slices) is { } n ? V(n) : 0, 0),
        IrWait => new StrategyAction(ActionKind.Wait, decision, 0, false, 0, Runtime.Abi.SliceAlgorithm.None, 0, 0, 0),
        IrCancelAll => new StrategyAction(ActionKind.CancelAll, decision, 0, false, 0, Runtime.Abi.SliceAlgorithm.None, 0, 0, 0),
        IrFlatten f => new StrategyAction(ActionKind.Flatten, decision, 0, false, 0, Runtime.Abi.SliceAlgorithm.None, 0, 0, f.StandAside is { } d ? V(d) : 0),
        _ => new StrategyAction(ActionKind.Kill, decision, 0, false, 0, Runtime.Abi.SliceAlgorithm.None, 0, 0, 0),
    };
}
