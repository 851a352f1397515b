using System.Numerics;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// x·k for a factor k fixed at elaboration but not when the Verilog is written (a param, or a sum of
/// params and constants: BuildTimeLinear). A written <c>x * k</c> is mapped by yosys to one
/// carry-save row per set bit of k's value (about 2 LUT4 per bit per row, plus a final adder); here
/// the Verilog itself takes k's non-adjacent form (canonical signed digits) at elaboration, with
/// localparams, and a generate block builds one adder per non-zero digit, over the bits from the
/// digit's shift up (the bits below pass through). With k's default, the 0.60 threshold's
/// 39,323 has 8 digits where its binary form has 9 set bits, and each row is one carry chain.
/// Overriding the param re-elaborates the digits, so the module stays correct for every value in
/// the param's declared range. A product by f and one by -f of the same operand are one product
/// (the second reads it negated), so <c>imb &gt; threshold</c> and <c>imb &lt; -threshold</c> share it.
/// </summary>
internal sealed class ParamProducts(IrProgram program, Action<string> line)
{
    /// <summary>Deliberate faults for the tests' sabotage checks; None in the emitter.</summary>
    internal enum Fault { None, SkipLowestShift, SwapSigns }

    /// <summary>A product's signal, its width, and whether it holds -(x·k) rather than x·k.</summary>
    public sealed record Product(string Signal, int Width, bool Negated);

    private readonly Dictionary<string, Product> _written = [];

    internal Fault Sabotage { get; init; } = Fault.None;

    /// <summary>
    /// x·k as a wire named <paramref name="name"/> (or an earlier product by ±k of the same x), x a
    /// signed wire of <paramref name="xWidth"/> bits, k in [<paramref name="kLo"/>, <paramref name="kHi"/>].
    /// With <paramref name="mayNegate"/> the product returned may hold -(x·k) (Product.Negated).
    /// The product is exact: |x·k| fits xWidth + kWidth signed bits, and the partial sums wrap mod
    /// 2^width, which leaves the final sum exact.
    /// </summary>
    public Product Write(string name, string x, int xWidth, BuildTimeLinear k, BigInteger kLo, BigInteger kHi, bool mayNegate)
    {
        var (canonical, negated) = mayNegate ? k.Canonical() : (k, false);
        var key = $"{x}/{xWidth}/{canonical.Key}";
        if (_written.TryGetValue(key, out var earlier))
            return earlier with { Negated = earlier.Negated != negated };
        var kWidth = new ValueRange(BigInteger.Min(kLo, -kHi), BigInteger.Max(kHi, -kLo)).SignedWidth;
        var width = xWidth + kWidth;
        var digits = kWidth + 2;   // 3k's bits: k's non-adjacent form has digits at shifts 0..kWidth
        line($"// {name} = {x} * ({canonical.Describe(program)}), the factor's canonical signed digits chosen at elaboration (ParamProducts)");
        line("/* verilator lint_off UNUSEDPARAM */ // the factor's 64-bit value: its low bits are the digits' source");
        line($"localparam signed [63:0] {name}_k64 = {canonical.Verilog(program)};");
        line("/* verilator lint_on UNUSEDPARAM */");
        var k64 = digits <= 64 ? $"{name}_k64[{digits - 1}:0]" : $"{{{{{digits - 64}{{{name}_k64[63]}}}}, {name}_k64}}";
        line($"localparam signed [{digits - 1}:0] {name}_k = {k64};   // in range: k fits {kWidth} signed bits");
        line($"localparam [{digits - 1}:0] {name}_k3 = {name}_k + ({name}_k << 1);");
        line($"localparam [{digits - 1}:0] {name}_kx = {name}_k3 ^ {name}_k;");
        // Digit i of the non-adjacent form is +1 where bit i+1 is set in 3k and k differs there, -1 where k has it.
        var (plus, minus) = Sabotage == Fault.SwapSigns ? ("minus", "plus") : ("plus", "minus");
        line($"localparam [{digits - 1}:0] {name}_{plus} = ({name}_k3 & {name}_kx) >> 1;");
        line($"localparam [{digits - 1}:0] {name}_{minus} = ({name}_k & {name}_kx) >> 1;");
        line("/* verilator lint_off UNUSEDSIGNAL */ // an adder at shift i reads the low width - i bits: with no digit at 0 the top ones go unread");
        line($"wire signed {Range(width)}{name}_x = {Signed(x, xWidth, width)};");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        line("genvar " + name + "_i;");
        var top = kWidth;
        var skip = Sabotage == Fault.SkipLowestShift ? $" && {name}_i > 0" : "";
        line($"generate for ({name}_i = 0; {name}_i <= {top}; {name}_i = {name}_i + 1) begin : {name}_naf");
        line($"    wire signed {Range(width)}sum;   // x times k's digits below shift i + 1");
        line($"    wire signed {Range(width)}prev;");
        line($"    if ({name}_i == 0) begin : first");
        line($"        assign prev = {Literal(0, width)};");
        line("    end else begin : next");
        line($"        assign prev = {name}_naf[{name}_i - 1].sum;");
        line("    end");
        line($"    if (({name}_plus[{name}_i] || {name}_minus[{name}_i]){skip}) begin : digit");
        line($"        // the digit's adder covers the bits from its shift up; the bits below are prev's");
        line($"        wire signed [{width - 1} - {name}_i:0] high = {name}_plus[{name}_i] ? $signed(prev[{width - 1}:{name}_i]) + $signed({name}_x[{width - 1} - {name}_i:0])");
        line($"                                                    : $signed(prev[{width - 1}:{name}_i]) - $signed({name}_x[{width - 1} - {name}_i:0]);");
        line($"        if ({name}_i == 0) begin : whole");
        line("            assign sum = high;");
        line("        end else begin : above");
        line($"            assign sum = {{high, prev[{name}_i - 1:0]}};");
        line("        end");
        line("    end else begin : none");
        line("        assign sum = prev;");
        line("    end");
        line("end endgenerate");
        line("/* verilator lint_off UNUSEDSIGNAL */ // a reader may take fewer bits (a Q47.16 product's slice)");
        line($"wire signed {Range(width)}{name} = {name}_naf[{top}].sum;");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        var product = new Product(name, width, negated);
        _written[key] = product with { Negated = false };
        return product;
    }

    /// <summary>n ≥ x·k (<paramref name="strict"/>: n &gt; x·k) for a product that may hold -(x·k): then n + P ≥ 0 (&gt; 0).</summary>
    public static string Compare(Action<string> line, string name, string n, int nWidth, Product p, bool strict)
    {
        var w = Math.Max(nWidth, p.Width) + 1;
        if (!p.Negated)
            return $"{Signed(n, nWidth, w)} {(strict ? ">" : ">=")} {Signed(p.Signal, p.Width, w)}";
        line($"wire signed {Range(w)}{name} = {Signed(n, nWidth, w)} + {Signed(p.Signal, p.Width, w)};   // n + x·(-k): n against x·k with the shared product");
        return strict ? $"(!{name}[{w - 1}] && {name} != {Literal(0, w)})" : $"!{name}[{w - 1}]";
    }
}
