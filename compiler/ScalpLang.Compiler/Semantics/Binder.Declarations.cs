using System.Collections.Immutable;
using System.Globalization;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    public const int MaxPriority = 1000;
    public const int MaxSlices = 1000;

    private readonly Dictionary<ParamSymbol, BoundParam> _boundParams = [];
    private readonly Dictionary<SignalSymbol, BoundExpression> _signalValues = [];
    private readonly List<SignalSymbol> _signalOrder = [];
    private readonly List<SignalSymbol> _signalsInProgress = [];

    private BoundParam BindParam(ParamSyntax syntax, ParamSymbol symbol)
    {
        var name = syntax.Name.Text;
        var type = symbol.Type;
        var what = $"the default of param '{name}'";
        var value = RequireConstant(BindExpression(syntax.Default, type, what), what, allowParams: false);
        var defaultLiteral = value as BoundLiteral ?? new BoundLiteral(ScalpType.Error, 0, syntax.Default.Span);

        BoundRange? range = null;
        if (syntax.Range is { } r)
        {
            if (type == ScalpType.Bool)
            {
                Report(DiagnosticDescriptors.TypeMismatch, r.Span, $"a param with a range ('{name}')", "a number", type);
            }
            else if (!type.IsError)
            {
                var lower = RequireConstant(BindExpression(r.Lower, type, $"the lower bound of '{name}'"), $"the lower bound of '{name}'", allowParams: false);
                var upper = RequireConstant(BindExpression(r.Upper, type, $"the upper bound of '{name}'"), $"the upper bound of '{name}'", allowParams: false);
                if (lower is BoundLiteral lo && upper is BoundLiteral hi)
                {
                    if (lo.Raw > hi.Raw)
                        Report(DiagnosticDescriptors.EmptyRange, r.Span, Text(r.Lower), Text(r.Upper));
                    else
                    {
                        range = new BoundRange(lo, hi);
                        if (value is BoundLiteral d && (d.Raw < lo.Raw || d.Raw > hi.Raw))
                            Report(DiagnosticDescriptors.OutOfRange, syntax.Default.Span, what, Text(syntax.Default), $"within {Text(r.Lower)}..{Text(r.Upper)}");
                    }
                }
            }
        }
        return new BoundParam(symbol, defaultLiteral, range);
    }

    /// <summary>Binds a signal on first use, so signals may be declared in any order; cycles are errors.</summary>
    private BoundExpression BindSignal(SignalSymbol symbol)
    {
        if (_signalValues.TryGetValue(symbol, out var done))
            return done;
        if (_signalsInProgress.Contains(symbol))
        {
            var cycle = _signalsInProgress.SkipWhile(s => s != symbol).Select(s => s.Name).Append(symbol.Name);
            var saved = _currentSource;
            _currentSource = symbol.Location.Source;
            Report(DiagnosticDescriptors.SignalCycle, symbol.Location.Span, symbol.Name, string.Join(" -> ", cycle));
            _currentSource = saved;
            var error = new BoundError(symbol.Location.Span);
            _signalValues[symbol] = error;
            return error;
        }

        _signalsInProgress.Add(symbol);
        var savedSource = _currentSource;
        _currentSource = symbol.Location.Source;
        var syntax = symbol.Syntax;
        var declared = syntax.Type is { } t ? ResolveType(t) : null;
        var value = declared is null
            ? BindExpression(syntax.Value)
            : BindExpression(syntax.Value, declared, $"signal '{symbol.Name}'");
        if (declared is null && value.Type.Kind == TypeKind.Untyped)
            value = Convert(value, ScalpType.Ratio, $"signal '{symbol.Name}'");
        _currentSource = savedSource;
        _signalsInProgress.Remove(symbol);

        // A cycle through this signal has already stored an error for it; keep that.
        if (_signalValues.TryGetValue(symbol, out var cyclic))
            return cyclic;
        _signalValues[symbol] = value;
        _signalOrder.Add(symbol);
        return value;
    }

    private ImmutableArray<BoundSignal> OrderedSignals() =>
        [.. _signalOrder.Select(s => new BoundSignal(s, _signalValues[s]))];

    private BoundModel BindModel(ModelSyntax syntax, ModelSymbol symbol)
    {
        var path = syntax.Path.Value;
        if (path.Trim().Length == 0)
            Report(DiagnosticDescriptors.InvalidModel, syntax.Path.Span, "the model path is empty");
        else if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            Report(DiagnosticDescriptors.InvalidModel, syntax.Path.Span, $"'{path}' is neither an ML.NET model (.zip) nor an ONNX model (.onnx)");
        if (syntax.Features.IsEmpty)
            Report(DiagnosticDescriptors.InvalidModel, syntax.Span, $"model '{symbol.Name}' lists no features");

        var onnx = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
        var history = BindModelHistory(syntax, symbol, onnx);
        var features = ImmutableArray.CreateBuilder<BoundExpression>();
        for (var i = 0; i < syntax.Features.Length; i++)
        {
            if (IsDepthImage(syntax.Features[i], out var image))
            {
                features.AddRange(BindDepthImage(image, symbol, onnx));
                continue;
            }
            var feature = BindExpression(syntax.Features[i]);
            var what = $"feature {features.Count + 1} of model '{symbol.Name}'";
            if (feature.Type.Kind == TypeKind.Untyped)
                feature = Convert(feature, ScalpType.Ratio, what);
            else if (feature.Type.Kind == TypeKind.Bool)
            {
                Report(DiagnosticDescriptors.TypeMismatch, feature.Span, what, "a number", feature.Type);
                feature = new BoundError(feature.Span);
            }
            features.Add(feature);
        }
        return new BoundModel(symbol, path, features.ToImmutable()) { PathSpan = syntax.Path.Span, History = history };
    }

    private BoundSentiment BindSentiment(SentimentSyntax syntax, SentimentSymbol symbol)
    {
        var path = syntax.Path.Value;
        if (path.Trim().Length == 0)
            Report(DiagnosticDescriptors.InvalidSentiment, syntax.Path.Span, symbol.Name, "the model path is empty");
        else if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            Report(DiagnosticDescriptors.InvalidSentiment, syntax.Path.Span, symbol.Name, $"'{path}' is not an ML.NET model (.zip) written by `scalp train-text`");
        return new BoundSentiment(symbol, path, syntax.Path.Span);
    }

    private BoundSlicer BindSlicer(SliceAlgoSyntax syntax)
    {
        if (syntax.Algorithm == SliceAlgorithm.Iceberg)
        {
            var show = RequirePositive(RequireConstant(BindExpression(syntax.Show!, ScalpType.Lots, "the shown quantity of iceberg"),
                "the shown quantity of iceberg", allowParams: true), "the shown quantity of iceberg");
            return new BoundSlicer(SliceAlgorithm.Iceberg, null, null, show);
        }
        var algo = syntax.Algorithm == SliceAlgorithm.Twap ? "twap" : "vwap";
        var over = RequirePositive(RequireConstant(BindExpression(syntax.Over!, ScalpType.Duration, $"the duration of {algo}"),
            $"the duration of {algo}", allowParams: true), $"the duration of {algo}");
        var slices = RequireWholeInRange(RequireConstant(BindExpression(syntax.Slices!, ScalpType.Count, $"the slices of {algo}"),
            $"the slices of {algo}", allowParams: true), $"the slices of {algo}", MaxSlices, "");
        return new BoundSlicer(syntax.Algorithm, over, slices);
    }

    private BoundRule BindRule(RuleSyntax syntax)
    {
        var name = syntax.Name.Text;
        var priority = 0;
        if (syntax.Priority is null)
        {
            if (!syntax.Name.IsMissing)
                ReportWithHelp(DiagnosticDescriptors.MissingPriority, syntax.Name.Span,
                    $"write 'rule {name} priority N when ...'; rules are tried from the highest priority down", name);
        }
        else if (syntax.Priority.Length > 0 &&
                 (!int.TryParse(syntax.Priority, NumberStyles.None, CultureInfo.InvariantCulture, out priority) || priority < 1 || priority > MaxPriority))
        {
            Report(DiagnosticDescriptors.InvalidPriority, syntax.PrioritySpan, syntax.Priority);
            priority = 0;
        }
        var condition = BindCondition(syntax.Condition, $"the condition of rule '{name}'");
        var action = BindAction(syntax.Action, $"rule '{name}'", ActionKinds.Buy | ActionKinds.Sell | ActionKinds.Wait | ActionKinds.CancelAll | ActionKinds.Flatten);
        return new BoundRule(name, At(syntax.Name), priority, condition, action);
    }

    private static readonly Dictionary<string, (ExitKind Kind, ScalpType Type)> ExitKinds = new(StringComparer.Ordinal)
    {
        ["take_profit"] = (ExitKind.TakeProfit, ScalpType.Ticks),
        ["stop_loss"] = (ExitKind.StopLoss, ScalpType.Ticks),
        ["trailing_stop"] = (ExitKind.TrailingStop, ScalpType.Ticks),
        ["time_stop"] = (ExitKind.TimeStop, ScalpType.Duration),
    };

    private void BindExit(ExitSyntax syntax, List<BoundExit> exits, List<BoundConditionalExit> conditional, Dictionary<string, Text.SourceLocation> labels)
    {
        var name = syntax.Kind.Text;
        if (syntax.Kind.IsMissing)
            return;
        if (syntax.Condition is { } condition)
        {
            var (boundCondition, action) = BindConditional(syntax.Kind, condition, syntax.Action!, labels, ExitKinds.ContainsKey(name),
                "exit", "a conditional exit needs a name of its own (exit liquidity when ...)", $"exit '{name}'", ActionKinds.Flatten | ActionKinds.CancelAll);
            conditional.Add(new BoundConditionalExit(name, At(syntax.Kind), boundCondition, action));
            return;
        }
        if (!ExitKinds.TryGetValue(name, out var kind))
        {
            ReportWithHelp(DiagnosticDescriptors.UnknownExitKind, syntax.Kind.Span, Spelling.DidYouMean(name, ExitKinds.Keys), name);
            return;
        }
        if (exits.FirstOrDefault(e => e.Kind == kind.Kind) is { } first)
        {
            Report(DiagnosticDescriptors.DuplicateLimit, syntax.Kind.Span, $"exit {name}", Where(first.Location));
            return;
        }
        var what = $"exit {name}";
        var value = RequirePositive(BindExpression(syntax.Value!, kind.Type, what), what);
        exits.Add(new BoundExit(kind.Kind, At(syntax.Kind), value));
    }

    /// <summary>
    /// The shared shape of named exits and circuit breakers: <c>NAME when COND => ACTION</c>, a
    /// label that must not be a built-in kind's name, a bool condition and a restricted action.
    /// </summary>
    private (BoundExpression Condition, BoundAction Action) BindConditional(NameSyntax label, ExpressionSyntax condition, ActionSyntax action,
        Dictionary<string, Text.SourceLocation> labels, bool reserved, string builtIn, string hint, string place, ActionKinds allowed)
    {
        if (reserved)
            Report(DiagnosticDescriptors.ReservedLabel, label.Span, label.Text, builtIn, hint);
        DeclareLabel(labels, label);
        return (BindCondition(condition, $"the condition of {place}"), BindAction(action, place, allowed));
    }

    private static readonly Dictionary<string, (RiskLimitKind Kind, ScalpType Type)> RiskKinds = new(StringComparer.Ordinal)
    {
        ["max_position"] = (RiskLimitKind.MaxPosition, ScalpType.Lots),
        ["max_orders"] = (RiskLimitKind.MaxOrders, ScalpType.Count),
        ["price_band"] = (RiskLimitKind.PriceBand, ScalpType.Ticks),
    };

    private void BindRisk(RiskSyntax syntax, List<BoundRiskLimit> limits, List<BoundCircuitBreaker> breakers, Dictionary<string, Text.SourceLocation> labels)
    {
        var name = syntax.Kind.Text;
        if (syntax.Kind.IsMissing)
            return;
        if (syntax.Condition is { } condition)
        {
            var (boundCondition, _) = BindConditional(syntax.Kind, condition, syntax.Action!, labels, RiskKinds.ContainsKey(name),
                "risk limit", "a circuit breaker needs a name of its own (risk circuit_breaker when ...)", $"circuit breaker '{name}'", ActionKinds.Kill);
            breakers.Add(new BoundCircuitBreaker(name, At(syntax.Kind), boundCondition));
            return;
        }
        if (!RiskKinds.TryGetValue(name, out var kind))
        {
            ReportWithHelp(DiagnosticDescriptors.UnknownRiskKind, syntax.Kind.Span, Spelling.DidYouMean(name, RiskKinds.Keys), name);
            return;
        }
        if (limits.FirstOrDefault(l => l.Kind == kind.Kind) is { } first)
        {
            Report(DiagnosticDescriptors.DuplicateLimit, syntax.Kind.Span, $"risk {name}", Where(first.Location));
            return;
        }
        var what = $"risk {name}";
        var value = RequirePositive(RequireConstant(BindExpression(syntax.Value!, kind.Type, what), what, allowParams: true), what);
        BoundExpression? per = null;
        if (kind.Kind == RiskLimitKind.MaxOrders)
        {
            if (syntax.Per is null)
                ReportWithHelp(DiagnosticDescriptors.MissingArgument, syntax.Kind.Span, "write 'risk max_orders 50 per 1s'", "risk max_orders", "per");
            else
            {
                per = RequirePositive(RequireConstant(BindExpression(syntax.Per, ScalpType.Duration, "the window of max_orders"),
                    "the window of max_orders", allowParams: true), "the window of max_orders");
            }
        }
        else if (syntax.Per is { } extra)
        {
            Report(DiagnosticDescriptors.UnknownArgument, extra.Span, $"risk {name}", "per");
        }
        limits.Add(new BoundRiskLimit(kind.Kind, At(syntax.Kind), value, per));
    }

    private void CheckPriorities(List<BoundRule> rules)
    {
        foreach (var group in rules.Where(r => r.Priority > 0).GroupBy(r => r.Priority))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                _currentSource = other.Location.Source;
                ReportWithHelp(DiagnosticDescriptors.DuplicatePriority, other.Location.Span,
                    "give each rule its own priority: the higher one is tried first", first.Name, other.Name, other.Priority);
            }
        }
    }

    /// <summary>Warns about declarations of the root file that nothing uses (usually a typo or leftover).</summary>
    private void CheckUnused(SyntaxTree root)
    {
        _currentSource = root.Source;
        // A C# import is a library: the functions a strategy does not call are not mistakes.
        foreach (var symbol in _globals.Values.Where(s => s.Location.Source == root.Source && !_used.Contains(s) && s is not ScriptFunctionSymbol))
            Report(DiagnosticDescriptors.UnusedDeclaration, symbol.Location.Span, symbol.Kind, symbol.Name);
    }
}
