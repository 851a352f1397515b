using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A compiled model's probability inside the strategy module (grammar/README.md §6.1), bit for bit
/// the IL's: every distinct comparison <c>x[f] &lt;= T</c> in parallel, each tree's leaf selected
/// from its comparison bits, the leaves and the bias summed (64-bit wrapping adds, which any order
/// gives alike), or a linear model's products; the logit <c>A * score + C</c> with the language's
/// <c>*</c> and <c>+</c>; then the fixed-point sigmoid. Combinational in the evaluation cycle, like
/// every other value of the module (the pipelined form is the standalone unit of `scalp synth --unit model:`).
/// </summary>
internal static class ModelSection
{
    /// <param name="name">The node's wire (<paramref name="width"/> bits, signed; the range is 0..65536).</param>
    /// <param name="feature">Feature i as a 64-bit signed expression.</param>
    public static void Write(StringBuilder v, IrModelScore model, string name, string declare, int width, Func<int, string> feature)
    {
        const string indent = "    ";
        v.Append(CultureInfo.InvariantCulture,
            $"{indent}// model {model.Name} ({model.Trainer}, digest {model.Digest:x8}): score, logit = A * score + C, sigmoid (§6.1)\n");
        for (var i = 0; i < model.Features.Length; i++)
            v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_x{i} = {feature(i)};\n");
        switch (model.Function)
        {
            case QuantisedTrees trees:
                WriteTrees(v, indent, name, trees);
                break;
            case QuantisedLinear linear:
                for (var i = 0; i < linear.Weights.Length; i++)
                    ModelCircuit.WriteProduct(v, indent, $"{name}_term{i}", Literal(linear.Weights[i], 64), $"{name}_x{i}");
                var sum = string.Concat(Enumerable.Range(0, linear.Weights.Length).Select(i => $" + {name}_term{i}"));
                v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_score = {Literal(linear.Bias, 64)}{sum};\n");
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"unknown model function {model.Function.GetType().Name}");
        }
        ModelCircuit.WriteProduct(v, indent, $"{name}_scaled", Literal(model.LogitScale, 64), $"{name}_score");
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_logit = {name}_scaled + {Literal(model.LogitOffset, 64)};\n");
        ModelCircuit.WriteSigmoidTable(v, indent, $"{name}_table");
        ModelCircuit.WriteSigmoid(v, indent, $"{name}_probability", $"{name}_logit", $"{name}_table");
        v.Append(CultureInfo.InvariantCulture, $"{indent}{declare} = {Signed($"{{1'b0, {name}_probability}}", 18, width)};\n");
    }

    private static void WriteTrees(StringBuilder v, string indent, string name, QuantisedTrees trees)
    {
        var comparisons = ModelCircuit.Comparisons(trees);
        var index = comparisons.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        for (var c = 0; c < comparisons.Length; c++)
        {
            var (f, t) = comparisons[c];
            v.Append(CultureInfo.InvariantCulture, $"{indent}wire {name}_c{c} = {name}_x{f} <= {Literal(t, 64)};\n");
        }
        for (var t = 0; t < trees.Trees.Length; t++)
        {
            var select = ModelCircuit.LeafSelect(trees.Trees[t], index, c => $"{name}_c{c}");
            v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_leaf{t} = {select};\n");
        }
        // Two's complement addition wraps the same in any order: the IL adds the trees in order.
        var sum = string.Concat(Enumerable.Range(0, trees.Trees.Length).Select(t => $" + {name}_leaf{t}"));
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_score = {Literal(trees.Bias, 64)}{sum};\n");
    }
}
