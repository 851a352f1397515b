using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Numerics;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The pieces of a compiled model's hardware (grammar/README.md §6.1), shared by the strategy
/// module (combinational, <see cref="ModelSection"/>) and the pipelined standalone unit of
/// <c>scalp synth --unit model:PATH.zip</c>: the distinct threshold comparisons, each tree's leaf
/// chosen from its comparison bits by decision path, the products of a linear model, and the
/// fixed-point sigmoid (its 513-entry table as a case ROM, then the interpolation).
/// </summary>
public static class ModelCircuit
{
    /// <summary>One raw signed comparison <c>x[Feature] &lt;= Threshold</c>.</summary>
    public readonly record struct Comparison(int Feature, long Threshold);

    /// <summary>Every distinct comparison of the ensemble, in first-use order (trees share equal ones).</summary>
    public static ImmutableArray<Comparison> Comparisons(QuantisedTrees trees)
    {
        ArgumentNullException.ThrowIfNull(trees);
        var seen = new HashSet<Comparison>();
        var list = ImmutableArray.CreateBuilder<Comparison>();
        foreach (var tree in trees.Trees)
        {
            for (var n = 0; n < tree.SplitFeature.Length; n++)
            {
                var c = new Comparison(tree.SplitFeature[n], tree.Threshold[n]);
                if (seen.Add(c))
                    list.Add(c);
            }
        }
        return list.ToImmutable();
    }

    /// <summary>
    /// Each leaf of <paramref name="tree"/> with the comparison bits on its decision path: the leaf
    /// is reached exactly when every bit has the given value (true: went left, x &lt;= T). Exactly
    /// one leaf's path holds for any input, so the leaf value is the OR of the masked leaves.
    /// </summary>
    public static ImmutableArray<(long Value, ImmutableArray<(int Comparison, bool Left)> Path)> LeafPaths(QuantisedTree tree,
        IReadOnlyDictionary<Comparison, int> index)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(index);
        var paths = new (long, ImmutableArray<(int, bool)>)[tree.Leaves.Length];
        if (tree.SplitFeature.IsEmpty)
        {
            paths[0] = (tree.Leaves[0], []);
            return [.. paths];
        }
        void Walk(int node, ImmutableArray<(int, bool)> path)
        {
            var bit = index[new Comparison(tree.SplitFeature[node], tree.Threshold[node])];
            foreach (var (child, left) in new[] { (tree.Left[node], true), (tree.Right[node], false) })
            {
                var extended = path.Add((bit, left));
                if (child < 0)
                    paths[~child] = (tree.Leaves[~child], extended);
                else
                    Walk(child, extended);
            }
        }
        Walk(0, []);
        return [.. paths];
    }

    /// <summary>The leaf select of one tree over comparison bits named by <paramref name="bit"/>, as one 64-bit expression.</summary>
    public static string LeafSelect(QuantisedTree tree, IReadOnlyDictionary<Comparison, int> index, Func<int, string> bit)
    {
        ArgumentNullException.ThrowIfNull(bit);
        var terms = LeafPaths(tree, index).Select(leaf =>
        {
            if (leaf.Path.IsEmpty)
                return Literal(leaf.Value, 64);
            var path = string.Join(" & ", leaf.Path.Select(p => p.Left ? bit(p.Comparison) : $"!{bit(p.Comparison)}"));
            return $"({{64{{{path}}}}} & {Literal(leaf.Value, 64)})";
        });
        return string.Join("\n        | ", terms);
    }

    /// <summary>The language's multiply (exact product, arithmetic shift by 16, low 64 bits) of two 64-bit signed expressions, as a wire.</summary>
    public static void WriteProduct(StringBuilder v, string indent, string name, string a, string b)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_a = {a};\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name}_b = {b};\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}/* verilator lint_off UNUSEDSIGNAL */ // the exact product; the language keeps bits 79..16\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [127:0] {name}_product = {Signed($"{name}_a", 64, 128)} * {Signed($"{name}_b", 64, 128)};\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}/* verilator lint_on UNUSEDSIGNAL */\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}wire signed [63:0] {name} = $signed({name}_product[79:16]);\n");
    }

    /// <summary>The sigmoid table L[k] = round(65536 / (1 + e^(-k/32))), k = 0..512, as a Verilog function (a case ROM).</summary>
    public static void WriteSigmoidTable(StringBuilder v, string indent, string function)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Append(CultureInfo.InvariantCulture, $"{indent}// L[k] = floor(65536 / (1 + e^(-k/32)) + 1/2), k = 0..512 (grammar/README.md §6.1)\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}function [16:0] {function};\n{indent}    input [9:0] k;\n{indent}    begin\n{indent}        case (k)\n");
        var table = FixedSigmoid.Table;
        for (var k = 0; k < table.Length; k++)
            v.Append(CultureInfo.InvariantCulture, $"{indent}            10'd{k}: {function} = 17'd{table[k]};\n");
        v.Append(CultureInfo.InvariantCulture, $"{indent}            default: {function} = 17'd{table[^1]};\n{indent}        endcase\n{indent}    end\n{indent}endfunction\n");
    }

    /// <summary>
    /// sigma(z) of §6.1 as combinational wires from the 64-bit signed logit <paramref name="z"/>:
    /// m = min(|z|, 16), k = m &gt;&gt; 11, f = m &amp; 2047, q = L[k] + ((L[k+1] - L[k]) * f &gt;&gt; 11),
    /// 65536 - q for a negative z. <c>{name}</c> is the 17-bit probability (raw 0..65536).
    /// </summary>
    public static void WriteSigmoid(StringBuilder v, string indent, string name, string z, string table)
    {
        ArgumentNullException.ThrowIfNull(v);
        foreach (var line in SigmoidFront(name, z).Concat(SigmoidBack(name, $"{name}_lk", $"{name}_step", $"{name}_f", $"{name}_saturated", $"{name}_negative", table, registeredFront: false)))
            v.Append(indent).Append(line).Append('\n');
    }

    /// <summary>The magnitude, saturation and table index of z (the first half of the sigmoid).</summary>
    public static IEnumerable<string> SigmoidFront(string name, string z) =>
    [
        // |z| as unsigned 64 bits: |-2^63| = 2^63 is above the cap, so it saturates like the IL's.
        $"wire        {name}_z_negative = {z}[63];",
        $"wire [63:0] {name}_magnitude = {name}_z_negative ? (64'd0 - $unsigned({z})) : $unsigned({z});",
        $"wire        {name}_z_saturated = {name}_magnitude >= 64'd1048576;   // 16 * 2^16",
        "/* verilator lint_off UNUSEDSIGNAL */ // above bit 19 only the saturation reads it",
        $"wire [9:0]  {name}_k = {{1'b0, {name}_magnitude[19:11]}};",
        "/* verilator lint_on UNUSEDSIGNAL */",
        $"wire [10:0] {name}_z_f = {name}_magnitude[10:0];",
    ];

    /// <summary>
    /// The table reads and the interpolation. When <paramref name="registeredFront"/> the caller has
    /// registered lk, step, f, saturation and sign under the given names; otherwise they are wires here.
    /// </summary>
    public static IEnumerable<string> SigmoidBack(string name, string lk, string step, string f, string saturated, string negative, string table, bool registeredFront)
    {
        var lines = new List<string>();
        if (!registeredFront)
        {
            lines.Add($"wire [16:0] {lk} = {table}({name}_k);");
            lines.Add($"wire [16:0] {step} = {table}({name}_k + 10'd1) - {lk};   // L is increasing");
            lines.Add($"wire [10:0] {f} = {name}_z_f;");
            lines.Add($"wire        {saturated} = {name}_z_saturated;");
            lines.Add($"wire        {negative} = {name}_z_negative;");
        }
        lines.Add("/* verilator lint_off UNUSEDSIGNAL */ // the product's low 11 bits are shifted out");
        lines.Add($"wire [27:0] {name}_slope = {{11'd0, {step}}} * {{17'd0, {f}}};");
        lines.Add("/* verilator lint_on UNUSEDSIGNAL */");
        lines.Add($"wire [16:0] {name}_q = {saturated} ? 17'd65536 : {lk} + {name}_slope[27:11];");
        lines.Add($"wire [16:0] {name} = {negative} ? 17'd65536 - {name}_q : {name}_q;");
        return lines;
    }
}
