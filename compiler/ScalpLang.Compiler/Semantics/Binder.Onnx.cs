using System.Globalization;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

/// <summary>The two model-block forms only an ONNX model takes (grammar/README.md §3.4): <c>history N</c> and <c>depth_image(levels: N)</c>.</summary>
public sealed partial class Binder
{
    private const string DepthImageName = "depth_image";
    private const int MaxHistory = 1000;

    private int BindModelHistory(ModelSyntax syntax, ModelSymbol symbol, bool onnx)
    {
        if (syntax.History is not { } digits)
            return 1;
        if (!onnx)
        {
            Report(DiagnosticDescriptors.ModelHistory, syntax.HistorySpan,
                $"model '{symbol.Name}': 'history' feeds a sequence to an .onnx model; a .zip model reads the current features only");
            return 1;
        }
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var history) || history < 1 || history > MaxHistory)
        {
            Report(DiagnosticDescriptors.ModelHistory, syntax.HistorySpan,
                $"model '{symbol.Name}': history must be a whole number of evaluations from 1 to {MaxHistory}, not {digits}");
            return 1;
        }
        return history;
    }

    private static bool IsDepthImage(ExpressionSyntax feature, out CallExpressionSyntax call)
    {
        call = (feature as CallExpressionSyntax)!;
        return call is { Callee.Text: DepthImageName };
    }

    /// <summary>
    /// <c>depth_image(levels: N)</c>: 2N features, level by level from the best: the bid size at
    /// that level, then the ask size (lots; a level's size is the depth over k levels minus the
    /// depth over k - 1), written as the standard-library calls that compute them.
    /// </summary>
    private List<BoundExpression> BindDepthImage(CallExpressionSyntax call, ModelSymbol symbol, bool onnx)
    {
        if (!onnx)
        {
            Report(DiagnosticDescriptors.DepthImage, call.Span, $"model '{symbol.Name}': {DepthImageName}(...) feeds an .onnx model; a .zip model takes one value per feature");
            return [new BoundError(call.Span)];
        }
        var levels = call.Arguments is [{ Name: null or { Text: "levels" }, Value: NumberLiteralSyntax { Suffix: LiteralSuffix.None } literal }]
            && int.TryParse(literal.Digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (levels < 1 || levels > _bookDepth)
        {
            Report(DiagnosticDescriptors.DepthImage, call.Span,
                $"write {DepthImageName}(levels: N) with N a whole number from 1 to {_bookDepth} (the book depth)");
            return [new BoundError(call.Span)];
        }
        var span = call.Span;
        ExpressionSyntax Depth(string side, int k) =>
            new CallExpressionSyntax(new NameSyntax(side, span),
                [new ArgumentSyntax(new NameSyntax("levels", span), new NumberLiteralSyntax(k.ToString(CultureInfo.InvariantCulture), LiteralSuffix.None, span), span)], span);
        ExpressionSyntax Level(string side, int k) => k == 1
            ? Depth(side, 1)
            : new BinaryExpressionSyntax(Depth(side, k), BinaryOperator.Subtract, span, Depth(side, k - 1), span);
        var features = new List<BoundExpression>();
        for (var k = 1; k <= levels; k++)
        {
            features.Add(BindExpression(Level("bid_depth", k)));
            features.Add(BindExpression(Level("ask_depth", k)));
        }
        return features;
    }
}
