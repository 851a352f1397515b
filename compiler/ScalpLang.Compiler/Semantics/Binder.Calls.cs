using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

public sealed partial class Binder
{
    /// <summary>Every window is split into this many buckets (grammar/README.md, "Windows").</summary>
    public const int WindowBuckets = 32;

    /// <summary>The most bars an ATR may average over (bounds its state on an FPGA).</summary>
    public const int MaxAtrBars = 256;

    private IntrinsicSymbol? BindIntrinsic(IntrinsicSyntax syntax)
    {
        if (syntax.Name.IsMissing)
            return null;
        var parameters = ImmutableArray.CreateBuilder<IntrinsicParameter>();
        foreach (var p in syntax.Parameters ?? [])
        {
            var type = ResolveType(p.Type);
            BoundExpression? defaultValue = null;
            if (p.Default is { } d)
            {
                // Defaults may use earlier parameters (p_loss = 1 - p_win): bind them in that scope.
                _intrinsicScope = parameters.ToImmutable();
                defaultValue = BindExpression(d, type, $"the default of '{p.Name.Text}'");
                _intrinsicScope = null;
            }
            parameters.Add(new IntrinsicParameter(p.Name.Text, type, defaultValue));
        }
        return new IntrinsicSymbol(syntax.Name.Text, At(syntax.Name), parameters.ToImmutable(), syntax.Parameters is not null, ResolveType(syntax.ReturnType));
    }

    private ImmutableArray<IntrinsicParameter>? _intrinsicScope;

    private BoundExpression BindCall(CallExpressionSyntax call)
    {
        var name = call.Callee;
        if (name.IsMissing)
            return new BoundError(call.Span);
        if (_globals.TryGetValue(name.Text, out var symbol))
        {
            if (symbol is ScriptFunctionSymbol script)
                return BindScriptCall(call, script);
            _used.Add(symbol);
            Report(DiagnosticDescriptors.NotAFunction, name.Span, name.Text, $"a {symbol.Kind}");
            return new BoundError(call.Span);
        }
        if (!_intrinsics.TryGetValue(name.Text, out var intrinsic))
        {
            // A C# import that failed may have declared it: its error is the one to fix.
            if (_scriptImportFailed)
                return new BoundError(call.Span);
            if (name.Text == DepthImageName)
            {
                Report(DiagnosticDescriptors.DepthImage, name.Span, $"{DepthImageName}(...) is a feature list of an .onnx model, not a value: write it inside 'features [...]'");
                return new BoundError(call.Span);
            }
            ReportWithHelp(DiagnosticDescriptors.UndefinedName, name.Span, Spelling.DidYouMean(name.Text, VisibleNames()), name.Text);
            return new BoundError(call.Span);
        }
        if (!intrinsic.IsFunction)
        {
            ReportWithHelp(DiagnosticDescriptors.NotAFunction, name.Span, $"write '{name.Text}' without parentheses", name.Text, intrinsic.Kind);
            return new BoundError(call.Span);
        }

        var parameters = intrinsic.Parameters;
        var given = new ExpressionSyntax?[parameters.Length];
        var failed = false;
        var position = 0;
        var sawNamed = false;
        foreach (var argument in call.Arguments)
        {
            int index;
            if (argument.Name is null)
            {
                if (sawNamed)
                {
                    Report(DiagnosticDescriptors.PositionalAfterNamed, argument.Span, $"{name.Text}()", parameters.ElementAtOrDefault(position)?.Name ?? "name");
                    failed = true;
                    continue;
                }
                index = position++;
                if (index >= parameters.Length)
                {
                    Report(DiagnosticDescriptors.TooManyArguments, argument.Span, $"{name.Text}()", parameters.Length, call.Arguments.Length);
                    failed = true;
                    break;
                }
            }
            else
            {
                sawNamed = true;
                index = IndexOf(intrinsic, argument.Name.Text);
                if (index < 0)
                {
                    ReportWithHelp(DiagnosticDescriptors.UnknownArgument, argument.Name.Span,
                        Spelling.DidYouMean(argument.Name.Text, parameters.Select(p => p.Name)) ?? $"{name.Text} takes {Signature(intrinsic)}",
                        $"{name.Text}()", argument.Name.Text);
                    failed = true;
                    continue;
                }
            }
            if (given[index] is not null)
            {
                Report(DiagnosticDescriptors.ArgumentRepeated, argument.Span, parameters[index].Name, $"{name.Text}()");
                failed = true;
                continue;
            }
            given[index] = argument.Value;
        }

        var bound = new BoundExpression?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (given[i] is { } syntax)
                bound[i] = BindExpression(syntax);
            else if (parameters[i].Default is null)
            {
                ReportWithHelp(DiagnosticDescriptors.MissingArgument, call.Span, $"{name.Text} takes {Signature(intrinsic)}", $"{name.Text}()", parameters[i].Name);
                failed = true;
            }
        }
        if (failed || bound.Any(b => b is { Type.IsError: true }))
            return new BoundError(call.Span);

        // Generic unit T: the first argument with a unit decides it; bare numbers follow.
        var generic = ScalpType.Ratio;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Type.Kind == TypeKind.Generic && bound[i] is { Type.Kind: TypeKind.Number } typed)
            {
                generic = typed.Type;
                break;
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var what = new What("argument '{0}' of {1}()", parameter.Name, name.Text);
            var expected = parameter.Type.Kind == TypeKind.Generic ? generic : parameter.Type;
            if (bound[i] is null)
            {
                bound[i] = Substitute(parameter.Default!, bound!, call.Span);
                continue;
            }
            var argument = Convert(bound[i]!, expected, what);
            if (!argument.Type.IsError && expected.Unit is Unit.Duration or Unit.Count && expected.Kind == TypeKind.Number)
                argument = CheckSizeArgument(parameter, RequireConstant(argument, what, allowParams: true), what);
            bound[i] = argument;
        }
        if (bound.Any(b => b!.Type.IsError))
            return new BoundError(call.Span);
        CheckBarWindow(intrinsic, bound!);
        var result = intrinsic.ReturnType.Kind == TypeKind.Generic ? generic : intrinsic.ReturnType;
        return new BoundIntrinsicCall(intrinsic, [.. bound!], result, call.Span);
    }

    /// <summary>Windows and counts size the strategy's state: check every value known before the run.</summary>
    private BoundExpression CheckSizeArgument(IntrinsicParameter parameter, BoundExpression argument, What what)
    {
        if (parameter.Type.Unit != Unit.Duration)
        {
            var levels = parameter.Name == "levels";
            return RequireWholeInRange(argument, what, levels ? _bookDepth : 1000, levels ? " (the book depth)" : "");
        }
        foreach (var (raw, origin) in KnownValues(argument))
        {
            if (raw <= 0 || raw % WindowBuckets != 0)
            {
                Report(DiagnosticDescriptors.InvalidDuration, argument.Span,
                    $"{what} must be a positive multiple of {WindowBuckets} ns (one window = {WindowBuckets} buckets), not {raw} ns{origin}");
                return new BoundError(argument.Span);
            }
        }
        return argument;
    }

    /// <summary>A window of bars (atr) must hold a whole number of bars, and not too many.</summary>
    private void CheckBarWindow(IntrinsicSymbol intrinsic, BoundExpression[] arguments)
    {
        var window = IndexOf(intrinsic, "window");
        var bar = IndexOf(intrinsic, "bar");
        if (window < 0 || bar < 0 || arguments[window] is not BoundLiteral w || arguments[bar] is not BoundLiteral b)
            return;
        if (w.Raw % b.Raw != 0 || w.Raw / b.Raw > MaxAtrBars)
        {
            Report(DiagnosticDescriptors.InvalidDuration, w.Span,
                $"the window of {intrinsic.Name}() must be a whole number of bars, at most {MaxAtrBars} ({w.Raw} ns / {b.Raw} ns is not)");
        }
    }

    private static int IndexOf(IntrinsicSymbol intrinsic, string parameter)
    {
        for (var i = 0; i < intrinsic.Parameters.Length; i++)
        {
            if (intrinsic.Parameters[i].Name == parameter)
                return i;
        }
        return -1;
    }

    /// <summary>Replaces references to earlier parameters in a default with the call's arguments.</summary>
    private static BoundExpression Substitute(BoundExpression expression, BoundExpression[] arguments, Text.TextSpan span) => expression switch
    {
        BoundIntrinsicParamRef r => arguments[r.Index],
        BoundUnary u => u with { Operand = Substitute(u.Operand, arguments, span), Span = span },
        BoundBinary b => b with { Left = Substitute(b.Left, arguments, span), Right = Substitute(b.Right, arguments, span), Span = span },
        BoundLiteral l => l with { Span = span },
        _ => expression,
    };

    private static string Signature(IntrinsicSymbol intrinsic) =>
        "(" + string.Join(", ", intrinsic.Parameters.Select(p => $"{p.Name}: {(p.Type.Kind == TypeKind.Generic ? "number" : p.Type)}{(p.Default is null ? "" : " = ...")}")) + ")";
}
