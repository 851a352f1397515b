using System.Collections.Immutable;
using System.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Lowering;

/// <summary>
/// Phase 3: bound strategy -> IR. Standard-library values defined by formulas (mid, spread,
/// microprice, imbalance, depth, unrealized, edge, volume_spike, min/max/abs) become arithmetic
/// over a few primitive inputs, so that each backend implements only the primitives and the
/// windows; exits become decisions over position state; filters are folded into the conditions
/// of trading rules. The input must be free of errors (the checker ran first).
/// </summary>
public sealed partial class Lowerer
{
    private readonly IrBuilder _ir = new();
    private readonly BoundStrategy _strategy;
    private readonly Dictionary<ParamSymbol, int> _paramIndex = [];
    private readonly Dictionary<SignalSymbol, IrValue> _signals = [];
    private readonly Dictionary<ModelSymbol, BoundModel> _models = [];
    // Where each node comes from (IrProgram.Origins): backends cite it in diagnostics and listings.
    private readonly Dictionary<int, SourceLocation> _origins = [];
    private readonly Dictionary<int, List<SourceLocation>> _calls = [];
    private SourceText _source;

    private Lowerer(BoundStrategy strategy)
    {
        _strategy = strategy;
        _source = strategy.Location.Source;
    }

    public static IrProgram Lower(BoundStrategy strategy)
    {
        var lowerer = new Lowerer(strategy);
        var program = lowerer.LowerProgram();
        IrVerifier.Verify(program);
        return program;
    }

    private IrProgram LowerProgram()
    {
        var parameters = ImmutableArray.CreateBuilder<IrParamInfo>();
        foreach (var p in _strategy.Params)
        {
            _paramIndex[p.Symbol] = parameters.Count;
            parameters.Add(new IrParamInfo(p.Symbol.Name, p.Symbol.Type, p.Default.Raw, p.Range?.Lower.Raw, p.Range?.Upper.Raw));
        }
        foreach (var m in _strategy.Models)
            _models[m.Symbol] = m;

        var signalNames = ImmutableDictionary.CreateBuilder<string, IrValue>(StringComparer.Ordinal);
        foreach (var signal in _strategy.Signals)
            signalNames[signal.Symbol.Name] = Signal(signal.Symbol);

        var decisions = ImmutableArray.CreateBuilder<IrDecision>();
        foreach (var breaker in _strategy.CircuitBreakers)
            decisions.Add(Declared(breaker.Location, () => new IrDecision(IrDecisionKind.CircuitBreaker, breaker.Name, 0, Expr(breaker.Condition), new IrKill())));
        foreach (var exit in _strategy.Exits)
            decisions.Add(Declared(exit.Location, () => new IrDecision(IrDecisionKind.Exit, ExitName(exit.Kind), 0, ExitCondition(exit), new IrFlatten(null))));
        foreach (var exit in _strategy.ConditionalExits)
            decisions.Add(Declared(exit.Location, () => new IrDecision(IrDecisionKind.Exit, exit.Name, 0, Expr(exit.Condition), Action(exit.Action))));

        IrValue? filters = null;
        foreach (var filter in _strategy.Filters)
        {
            var condition = Declared(filter.Location, () => Expr(filter.Condition));
            filters = filters is { } f ? And(f, condition) : condition;
        }
        foreach (var rule in _strategy.Rules)
        {
            decisions.Add(Declared(rule.Location, () =>
            {
                var condition = Expr(rule.Condition);
                if (rule.Action is BoundTradeAction && filters is { } gate)
                    condition = And(condition, gate);
                return new IrDecision(IrDecisionKind.Rule, rule.Name, rule.Priority, condition, Action(rule.Action));
            }));
        }

        ImmutableArray<IrRiskLimit> limits = [.. _strategy.RiskLimits.Select(l =>
            Declared(l.Location, () => new IrRiskLimit(l.Kind, Expr(l.Value), l.Per is { } per ? Expr(per) : null)))];
        return new IrProgram(_strategy.Name, _strategy.Location, _strategy.Instrument, _strategy.BookDepth, parameters.ToImmutable(),
            _ir.Nodes, signalNames.ToImmutable(), decisions.ToImmutable(), limits)
        {
            Sentiments = [.. _strategy.Sentiments.Select(s => new IrSentimentInfo(s.Symbol.Name, s.FullPath))],
            Origins = _origins.ToImmutableDictionary(),
            CallSites = _calls.ToImmutableDictionary(c => c.Key, c => c.Value.ToImmutableArray()),
        };
    }

    /// <summary>
    /// Lowers one declaration with its file as the current source; nodes it creates that no
    /// expression claimed (an exit's position test, a filter's conjunction) come from the
    /// declaration itself.
    /// </summary>
    private T Declared<T>(SourceLocation location, Func<T> lower) where T : notnull
    {
        var outer = _source;
        _source = location.Source;
        var before = _ir.Count;
        var result = lower();
        for (var id = before; id < _ir.Count; id++)
            _origins.TryAdd(id, location);
        _source = outer;
        return result is IrDecision d ? (T)(object)(d with { Location = location }) : result;
    }

    private static string ExitName(ExitKind kind) => kind switch
    {
        ExitKind.TakeProfit => "take_profit",
        ExitKind.StopLoss => "stop_loss",
        ExitKind.TrailingStop => "trailing_stop",
        _ => "time_stop",
    };

    /// <summary>The exits of grammar/README.md §3.8 as conditions over the position state.</summary>
    private IrValue ExitCondition(BoundExit exit)
    {
        var value = Expr(exit.Value);
        if (exit.Kind == ExitKind.TimeStop)
            return Cmp(IrOp.GreaterOrEqual, Input(ScalpType.Duration, IrInputKind.TimeInPosition), value);
        var open = Cmp(IrOp.NotEqual, Input(ScalpType.Lots, IrInputKind.Position), _ir.Const(ScalpType.Lots, 0));
        var unrealized = Unrealized();
        var hit = exit.Kind switch
        {
            ExitKind.TakeProfit => Cmp(IrOp.GreaterOrEqual, unrealized, value),
            ExitKind.StopLoss => Cmp(IrOp.LessOrEqual, unrealized, _ir.Operation(ScalpType.Ticks, IrOp.Negate, value)),
            _ => Cmp(IrOp.GreaterOrEqual,
                _ir.Operation(ScalpType.Ticks, IrOp.Subtract, _ir.PeakSinceEntry(ScalpType.Ticks, unrealized), unrealized), value),
        };
        return And(open, hit);
    }

    private IrAction Action(BoundAction action) => action switch
    {
        BoundTradeAction t => new IrTrade(t.Side, Expr(t.Quantity), t.LimitPrice is { } p ? Expr(p) : null,
            t.Slicer is { } s ? new IrSlicer(s.Algorithm, s.Over is { } o ? Expr(o) : null, s.Slices is { } n ? Expr(n) : null, s.Show is { } q ? Expr(q) : null) : null),
        BoundWaitAction => new IrWait(),
        BoundCancelAllAction => new IrCancelAll(),
        BoundFlattenAction f => new IrFlatten(f.StandAside is { } d ? Expr(d) : null),
        BoundKillAction => new IrKill(),
        _ => throw new UnreachableException($"cannot lower {action.GetType().Name}: the checker should have rejected it"),
    };

    private IrValue Signal(SignalSymbol symbol)
    {
        if (_signals.TryGetValue(symbol, out var value))
            return value;
        var bound = _strategy.Signals.First(s => s.Symbol == symbol);
        var outer = _source;
        _source = symbol.Location.Source;
        value = Expr(bound.Value);
        _source = outer;
        _signals[symbol] = value;
        return value;
    }

    /// <summary>Lowers an expression; the nodes it creates that its operands did not are its own (Origins).</summary>
    private IrValue Expr(BoundExpression expression)
    {
        var before = _ir.Count;
        var value = Lower(expression);
        for (var id = before; id < _ir.Count; id++)
            _origins.TryAdd(id, new SourceLocation(_source, expression.Span));
        if (expression is BoundIntrinsicCall)
        {
            if (!_calls.TryGetValue(value.Id, out var sites))
                _calls[value.Id] = sites = [];
            sites.Add(new SourceLocation(_source, expression.Span));
        }
        return value;
    }

    private IrValue Lower(BoundExpression expression) => expression switch
    {
        BoundLiteral l => _ir.Const(l.Type, l.Raw),
        BoundParamRef p => _ir.Param(p.Param.Type, _paramIndex[p.Param]),
        BoundSignalRef s => Signal(s.Signal),
        BoundModelRef m => Model(m.Model),
        BoundSentimentRef n => Sentiment(n.Sentiment),
        BoundScriptCall s => ScriptCall(s),
        BoundIntrinsicCall c => Intrinsic(c),
        BoundUnary u => _ir.Operation(u.Type, u.Operator == UnaryOperator.Not ? IrOp.Not : IrOp.Negate, Expr(u.Operand)),
        BoundBinary b => _ir.Operation(b.Type, ToOp(b.Operator), Expr(b.Left), Expr(b.Right)),
        _ => throw new UnreachableException($"cannot lower {expression.GetType().Name}: the checker should have rejected it"),
    };

    /// <summary>A sentiment reads its slot: its index among the strategy's sentiment declarations.</summary>
    private IrValue Sentiment(SentimentSymbol symbol)
    {
        var slot = 0;
        while (_strategy.Sentiments[slot].Symbol != symbol)
            slot++;
        return _ir.Sentiment(symbol.Name, slot, symbol.Location);
    }

    private IrValue Model(ModelSymbol symbol)
    {
        var model = _models[symbol];
        if (model.Imported is { } imported)
        {
            var (function, scale, offset) = Models.ModelQuantiser.Quantise(imported);
            return _ir.ModelScore(symbol.Name, imported.Trainer, [.. model.Features.Select(Expr)], function, scale, offset, symbol.Location);
        }
        if (model.OnnxPath is { } onnx)
            return _ir.NeuralModel(symbol.Name, onnx, [.. model.Features.Select(Expr)], model.History, symbol.Location);
        return _ir.Model(symbol.Name, model.Path, [.. model.Features.Select(Expr)], symbol.Location);
    }

    private static IrOp ToOp(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => IrOp.Add,
        BinaryOperator.Subtract => IrOp.Subtract,
        BinaryOperator.Multiply => IrOp.Multiply,
        BinaryOperator.Divide => IrOp.Divide,
        BinaryOperator.Less => IrOp.Less,
        BinaryOperator.LessOrEqual => IrOp.LessOrEqual,
        BinaryOperator.Greater => IrOp.Greater,
        BinaryOperator.GreaterOrEqual => IrOp.GreaterOrEqual,
        BinaryOperator.Equal => IrOp.Equal,
        BinaryOperator.NotEqual => IrOp.NotEqual,
        BinaryOperator.And => IrOp.And,
        _ => IrOp.Or,
    };

    // ---- the standard library (grammar/README.md §8) ----

    private IrValue Intrinsic(BoundIntrinsicCall call)
    {
        var args = call.Arguments;
        var type = call.Type;
        return call.Intrinsic.Name switch
        {
            "bid" => Bid(),
            "ask" => Ask(),
            "mid" => Mid(),
            "spread" => _ir.Operation(ScalpType.Ticks, IrOp.Subtract, Ask(), Bid()),
            "microprice" => Microprice(),
            "imbalance" => Imbalance(Levels(args[0])),
            "depth" => Depth(Levels(args[0])),
            "bid_depth" => DepthInput(IrInputKind.BidDepth, Levels(args[0])),
            "ask_depth" => DepthInput(IrInputKind.AskDepth, Levels(args[0])),
            "avg_depth" => AvgDepth(type, Expr(args[0]), Levels(args[1])),
            "last_price" => Input(ScalpType.Price, IrInputKind.LastPrice),
            "cancel_rate" => _ir.Window(type, IrWindowKind.CancelRate, Expr(args[0])),
            "aggressor_ratio" => _ir.Window(type, IrWindowKind.AggressorRatio, Expr(args[0])),
            "trade_volume" => _ir.Window(type, IrWindowKind.TradeVolume, Expr(args[0])),
            "volume_spike" => VolumeSpike(Expr(args[0]), Expr(args[1]), Expr(args[2])),
            "atr" => _ir.Window(type, IrWindowKind.Atr, Expr(args[0]), bar: Expr(args[1])),
            "ema" => _ir.Window(type, IrWindowKind.Ema, Expr(args[1]), operand: Expr(args[0])),
            "sma" => _ir.Window(type, IrWindowKind.Sma, Expr(args[1]), operand: Expr(args[0])),
            "zscore" => _ir.Window(type, IrWindowKind.Zscore, Expr(args[1]), operand: Expr(args[0])),
            "vwap" => _ir.Window(type, IrWindowKind.Vwap, Expr(args[0])),
            "drawdown" => _ir.Window(type, IrWindowKind.Drawdown, Expr(args[0])),
            "min" => MinMax(type, IrOp.LessOrEqual, Expr(args[0]), Expr(args[1])),
            "max" => MinMax(type, IrOp.GreaterOrEqual, Expr(args[0]), Expr(args[1])),
            "abs" => Abs(type, Expr(args[0])),
            "position" => Input(ScalpType.Lots, IrInputKind.Position),
            "entry_price" => Input(ScalpType.Price, IrInputKind.EntryPrice),
            "unrealized" => Unrealized(),
            "time_in_position" => Input(ScalpType.Duration, IrInputKind.TimeInPosition),
            "losses_in_a_row" => Input(ScalpType.Count, IrInputKind.LossesInARow),
            "edge" => Edge(Expr(args[0]), Expr(args[1]), Expr(args[2]), Expr(args[3]), Expr(args[4])),
            var name => throw new UnreachableException($"the standard library declares '{name}' but lowering does not know it"),
        };
    }

    private IrValue Input(ScalpType type, IrInputKind kind, int levels = 0) => _ir.Input(type, kind, levels);

    private IrValue Bid() => Input(ScalpType.Price, IrInputKind.BestBid);

    private IrValue Ask() => Input(ScalpType.Price, IrInputKind.BestAsk);

    /// <summary>levels: a literal, or a param (its default is checked now; its value is read at load time).</summary>
    private (int Count, int? Param) Levels(BoundExpression argument) => argument switch
    {
        BoundLiteral l => ((int)new Fixed(l.Raw).Floor, null),
        BoundParamRef p => ((int)new Fixed(_strategy.Params.First(x => x.Symbol == p.Param).Default.Raw).Floor, _paramIndex[p.Param]),
        _ => throw new UnreachableException("levels must be a literal or a param"),
    };

    private IrValue DepthInput(IrInputKind kind, (int Count, int? Param) levels) =>
        _ir.Input(ScalpType.Lots, kind, levels.Count, levels.Param);

    private IrValue AvgDepth(ScalpType type, IrValue window, (int Count, int? Param) levels) =>
        _ir.Window(type, IrWindowKind.AvgDepth, window, levels: levels.Count, levelsParam: levels.Param);

    private IrValue Half() => _ir.Const(ScalpType.Ratio, Fixed.OneRaw / 2);

    /// <summary>(bid + ask) * 0.5: exact, since a half tick is representable.</summary>
    private IrValue Mid() => _ir.Operation(ScalpType.Price, IrOp.Multiply, _ir.Operation(ScalpType.Price, IrOp.Add, Bid(), Ask()), Half());

    private IrValue Microprice()
    {
        var bidSize = Input(ScalpType.Lots, IrInputKind.BidDepth, 1);
        var askSize = Input(ScalpType.Lots, IrInputKind.AskDepth, 1);
        var weighted = _ir.Operation(ScalpType.Price, IrOp.Add,
            _ir.Operation(ScalpType.Price, IrOp.Multiply, Bid(), askSize),
            _ir.Operation(ScalpType.Price, IrOp.Multiply, Ask(), bidSize));
        return _ir.Operation(ScalpType.Price, IrOp.Divide, weighted, _ir.Operation(ScalpType.Lots, IrOp.Add, bidSize, askSize));
    }

    private IrValue Depth((int Count, int? Param) levels) =>
        _ir.Operation(ScalpType.Lots, IrOp.Add, DepthInput(IrInputKind.BidDepth, levels), DepthInput(IrInputKind.AskDepth, levels));

    private IrValue Imbalance((int Count, int? Param) levels)
    {
        var bids = DepthInput(IrInputKind.BidDepth, levels);
        var asks = DepthInput(IrInputKind.AskDepth, levels);
        return _ir.Operation(ScalpType.Ratio, IrOp.Divide,
            _ir.Operation(ScalpType.Lots, IrOp.Subtract, bids, asks), _ir.Operation(ScalpType.Lots, IrOp.Add, bids, asks));
    }

    /// <summary>Per-lot open P&amp;L in ticks, marked at mid: mid - entry long, entry - mid short, 0 flat.</summary>
    private IrValue Unrealized()
    {
        var position = Input(ScalpType.Lots, IrInputKind.Position);
        var zero = _ir.Const(ScalpType.Lots, 0);
        var entry = Input(ScalpType.Price, IrInputKind.EntryPrice);
        var mid = Mid();
        var longPnl = _ir.Operation(ScalpType.Ticks, IrOp.Subtract, mid, entry);
        var shortPnl = _ir.Operation(ScalpType.Ticks, IrOp.Subtract, entry, mid);
        return _ir.Select(ScalpType.Ticks, Cmp(IrOp.Greater, position, zero), longPnl,
            _ir.Select(ScalpType.Ticks, Cmp(IrOp.Less, position, zero), shortPnl, _ir.Const(ScalpType.Ticks, 0)));
    }

    private IrValue VolumeSpike(IrValue window, IrValue baseline, IrValue factor)
    {
        var recent = _ir.Window(ScalpType.Lots, IrWindowKind.TradeVolume, window);
        var usual = _ir.Window(ScalpType.Lots, IrWindowKind.TradeVolume, baseline);
        var scale = _ir.Operation(ScalpType.Ratio, IrOp.Divide, window, baseline);
        var threshold = _ir.Operation(ScalpType.Lots, IrOp.Multiply, _ir.Operation(ScalpType.Lots, IrOp.Multiply, factor, usual), scale);
        return Cmp(IrOp.Greater, recent, threshold);
    }

    private IrValue Edge(IrValue pWin, IrValue gain, IrValue loss, IrValue fees, IrValue pLoss) =>
        _ir.Operation(ScalpType.Ticks, IrOp.Subtract,
            _ir.Operation(ScalpType.Ticks, IrOp.Subtract,
                _ir.Operation(ScalpType.Ticks, IrOp.Multiply, pWin, gain),
                _ir.Operation(ScalpType.Ticks, IrOp.Multiply, pLoss, loss)),
            fees);

    private IrValue MinMax(ScalpType type, IrOp keepLeft, IrValue a, IrValue b) => _ir.Select(type, Cmp(keepLeft, a, b), a, b);

    private IrValue Abs(ScalpType type, IrValue x) =>
        _ir.Select(type, Cmp(IrOp.Less, x, _ir.Const(type, 0)), _ir.Operation(type, IrOp.Negate, x), x);

    private IrValue Cmp(IrOp op, IrValue a, IrValue b) => _ir.Operation(ScalpType.Bool, op, a, b);

    private IrValue And(IrValue a, IrValue b) => _ir.Operation(ScalpType.Bool, IrOp.And, a, b);
}
