using System.Numerics;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// <c>drawdown(window: W) op t</c> with t a build-time value, decided without the 81-bit divider
/// (hdl-backend/README.md, "Drawdown compared with a build-time value"). The value is
/// v = 0 when peak &lt;= 0, else the low 64 bits of q = trunc(fall·2^16 / peak) with fall = peak -
/// equity wrapping (DrawdownWindow). With n = fall·2^16 and d = peak &gt; 0:
///
/// - q in [-2^63, 2^63): v = q, decided as QuotientComparisons does (n against m·d);
/// - q &gt;= 2^63 (n &gt;= 2^63·d) or q &lt; -2^63 (n &lt;= (-2^63 - 1)·d): v wraps. Equity is not whole
///   lots, so this happens (a peak below one tick-lot and an equity below -(2^47 - 1)·peak), and v
///   then depends on the quotient's low bits. But |n| &lt; 2^80 forces d &lt; 2^16 there, so with
///   |n| = H·2^64 + L (H &lt;= 2^15) and r = H mod d, |q| mod 2^64 = u = floor((r·2^64 + L) / d)
///   (u &lt; 2^64 because r &lt; d), and u &gt;= K ⇔ r·2^64 + L &gt;= K·d. Only r needs dividing: 16
///   restoring rows of 17 bits on a 16-bit operand, instead of the 81-bit divider. v &gt;= c is then
///   a few such tests of u (v = u or u - 2^64 for q &gt; 0, (-u) mod 2^64 read as signed for q &lt; 0).
/// </summary>
internal static class DrawdownComparison
{
    /// <summary>Width of the wrapped case's tests: |K| &lt; 2^65 times a peak below 2^16, and r·2^64 + L &lt; 2^80.</summary>
    private const int WrapWidth = 84;

    /// <summary>
    /// Writes wire <paramref name="name"/> = v <paramref name="op"/> t through <paramref name="line"/>;
    /// peak and fall are 64-bit signed signals, t a signed signal of <paramref name="boundWidth"/> bits.
    /// </summary>
    /// <param name="folded">
    /// the evaluation folded over the interval (EvaluationFold): the remainder rows run this many a
    /// cycle over these steps from the held peak and fall, loaded two cycles after the evaluation.
    /// </param>
    public static void Write(Action<string> line, string name, string peak, string fall, string t, int boundWidth, IrOp op, BigInteger? known = null,
        (int PerStep, int Steps)? folded = null)
    {
        if (known is { } bound)
        {
            WriteByConstant(line, name, peak, fall, bound, op, folded);
            return;
        }
        // n: 80 bits; m·d: (t + 1) up to 2^63 times d up to 2^63 - 1; one more for the sign.
        var w = Math.Max(82, boundWidth + 1 + 65) + 1;
        line($"wire signed {Range(w)}{name}_d = {Signed(peak, 64, w)};");
        line($"wire signed {Range(w)}{name}_n = $signed({{{Signed(fall, 64, w - 16)}, 16'h0000}});");
        line($"wire signed {Range(w)}{name}_t = {Signed(t, boundWidth, w)};");
        // Writes {name}_ge (q >= t) and/or {name}_gt (q >= t + 1) for the quotient in range; combined below.
        _ = QuotientComparisons.WriteDecision(line, name, w, op);
        var x = WrapWidth;
        line("/* verilator lint_off UNUSEDSIGNAL */ // the wrapped case reads the peak's low 16 bits and |fall|'s bits");
        line($"wire [15:0] {name}_div = {name}_d[15:0];");
        line($"wire [63:0] {name}_mag = {fall}[63] ? -{fall} : {fall};   // |fall| (2^63 for -2^63)");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        line($"wire signed {Range(x)}{name}_p = $signed({{{x - 16}'d0, {name}_div}});");
        line($"wire signed {Range(x)}{name}_wide_n = $signed({{{Signed(fall, 64, x - 16)}, 16'h0000}});");
        // |n| < 2^80, so q >= 2^63 or q < -2^63 needs a peak below 2^16: tested there at 84 bits.
        line($"// the quotient leaves 64 bits (only with a peak below 2^16): q >= 2^63 or q < -2^63");
        line($"wire {name}_small = {name}_d < {Literal(1 << 16, w)};");
        line($"wire {name}_above = {name}_small && {name}_wide_n >= ({name}_p <<< 63);");
        line($"wire {name}_below = {name}_small && {name}_wide_n <= -({name}_p <<< 63) - {name}_p;");
        WriteRemainder(line, name, folded);
        line($"wire signed {Range(x)}{name}_m = $signed({{4'd0, {name}_rem0[15:0], {name}_mag[47:0], 16'h0000}});   // r·2^64 + L");
        string AtLeast(string k) => $"({name}_m >= ({k}) * {name}_p)";
        var two63 = Literal(BigInteger.One << 63, x);
        var two64 = Literal(BigInteger.One << 64, x);
        var one = Literal(1, x);
        var zero = Literal(0, x);
        line($"wire {name}_u63 = {AtLeast(two63)};   // u >= 2^63");
        line($"wire {name}_u63p = {AtLeast($"{two63} + {one}")};   // u > 2^63");
        // v >= c for each bound c the operator needs: c0 = t (the ge wire), c1 = t + 1 (the gt wire).
        var needs = new List<(string Suffix, string Decided, string C)>();
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            needs.Add(("ge", $"{name}_ge", $"{name}_c0"));
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
            needs.Add(("gt", $"{name}_gt", $"{name}_c1"));
        line($"wire signed {Range(x)}{name}_c0 = {Signed(t, boundWidth, x)};");
        if (needs.Any(n => n.Suffix == "gt"))
            line($"wire signed {Range(x)}{name}_c1 = {name}_c0 + {one};");
        foreach (var (suffix, decided, c) in needs)
        {
            // q > 0 wrapped: v = u (u < 2^63) or u - 2^64.
            var positive = $"(({c} >= {zero}) ? ({AtLeast(c)} && !{name}_u63) : (!{name}_u63 || {AtLeast($"{two64} + {c}")}))";
            // q < 0 wrapped: v = 0 (u = 0), -u (0 < u <= 2^63) or 2^64 - u (u > 2^63).
            var negative = $"(({c} <= {zero}) ? (!{AtLeast($"{one} - {c}")} || {name}_u63p) : ({name}_u63p && !{AtLeast($"{two64} - {c} + {one}")}))";
            line($"wire {name}_all_{suffix} = ({name}_d <= {Literal(0, w)}) ? ({zero} >= {c}) : {name}_above ? {positive} : {name}_below ? {negative} : {decided};");
        }
        line($"wire {name} = {QuotientComparisons.FromAtLeastAndAbove(op, $"{name}_all_ge", $"{name}_all_gt")};");
    }

    /// <summary>r = (|fall| &gt;&gt; 48) mod {name}_div: 16 restoring rows, each remainder below the 16-bit divisor.</summary>
    private static void WriteRemainder(Action<string> line, string name, (int PerStep, int Steps)? folded)
    {
        if (folded is { } plan)
        {
            WriteFoldedRemainder(line, name, plan.PerStep, plan.Steps);
            return;
        }
        line("/* verilator lint_off UNUSEDSIGNAL */ // the remainder rows keep 17 bits; the last row's top bit is 0");
        // (Not named _s<k>: that is a value carried to pipeline stage k.)
        line($"wire [16:0] {name}_rem16 = 17'd0;");
        for (var i = 15; i >= 0; i--)
        {
            line($"wire [16:0] {name}_row{i} = {{{name}_rem{i + 1}[15:0], {name}_mag[{48 + i}]}};");
            line($"wire [16:0] {name}_rem{i} = ({name}_row{i} >= {{1'b0, {name}_div}}) ? {name}_row{i} - {{1'b0, {name}_div}} : {name}_row{i};");
        }
        line("/* verilator lint_on UNUSEDSIGNAL */");
    }

    /// <summary>
    /// The 16 rows over the fold (EvaluationFold): the peak and fall are held from two cycles after the
    /// evaluation (DrawdownRamRing keeps T[first] a cycle after stage 1), so that cycle loads |fall|'s
    /// bits 63..48 and each later one runs r rows, carrying each row's low 16 bits as the chain does.
    /// steps * r may pass 16: the first rows then shift in 0s from a remainder of 0, which stays 0
    /// (a row of 0 is below any divisor, or 0 - 0 for a divisor of 0), so {name}_rem0 is the chain's.
    /// </summary>
    private static void WriteFoldedRemainder(Action<string> line, string name, int r, int steps)
    {
        var t = r * steps;
        var lb = Math.Max(1, 32 - int.LeadingZeroCount(steps));
        line($"// r = (|fall| >> 48) mod the peak's low 16 bits over the fold (EvaluationFold): {r} rows a cycle for {steps} cycles after the load");
        line($"function [15:0] {name}_rem_step;");
        line($"    input [15:0] rest_in;");
        line($"    input [{r - 1}:0] bits;");
        line($"    input [15:0] div;");
        line($"    reg [16:0] row;");
        line($"    integer i;");
        line($"    begin");
        line($"        {name}_rem_step = rest_in;");
        line($"        for (i = {r - 1}; i >= 0; i = i - 1) begin");
        line($"            row = {{{name}_rem_step, bits[i]}};");
        line($"            if (row >= {{1'b0, div}}) row = row - {{1'b0, div}};");
        line($"            {name}_rem_step = row[15:0];");
        line($"        end");
        line($"    end");
        line($"endfunction");
        line($"reg        {name}_rem_wait;   // the stage-1 cycle: the peak is held from the next one");
        line($"reg        {name}_rem_load;   // load |fall|'s top bits");
        line($"reg [{lb - 1}:0]  {name}_rem_left;   // steps still to run");
        line($"reg [15:0] {name}_rem;        // the remainder so far: after the steps, r");
        line($"reg [{t - 1}:0] {name}_rem_bits;   // |fall|'s bits 63..48 not yet divided, top first");
        line($"wire [15:0] {name}_rem_next = {name}_rem_step({name}_rem, {name}_rem_bits[{t - 1}:{t - r}], {name}_div);");
        line("always @(posedge clk) begin");
        line($"    {name}_rem_wait <= !rst && eval_pending;");
        line($"    {name}_rem_load <= !rst && {name}_rem_wait;");
        line("    if (rst) begin");
        line($"        {name}_rem_left <= {lb}'d0;");
        line($"    end else if ({name}_rem_load) begin");
        line($"        {name}_rem_left <= {lb}'d{steps};");
        line($"        {name}_rem <= 16'd0;");
        line($"        {name}_rem_bits <= {(t == 16 ? $"{name}_mag[63:48]" : $"{{{t - 16}'d0, {name}_mag[63:48]}}")};");
        line($"    end else if ({name}_rem_left != {lb}'d0) begin");
        line($"        {name}_rem_left <= {name}_rem_left - {lb}'d1;");
        line($"        {name}_rem <= {name}_rem_next;");
        line($"        {name}_rem_bits <= {(t == r ? $"{r}'d0" : $"{{{name}_rem_bits[{t - r - 1}:0], {r}'d0}}")};");
        line("    end");
        line("end");
        line("/* verilator lint_off UNUSEDSIGNAL */ // the chain's last row: its top bit is 0");
        line($"wire [16:0] {name}_rem0 = {{1'b0, {name}_rem}};");
        line("/* verilator lint_on UNUSEDSIGNAL */");
    }

    /// <summary>
    /// The same for t known when writing: every product is by a constant (m·peak in range, K·p for the
    /// wrapped case with p the peak's low 16 bits), written as shifts and adds at its operands' real
    /// widths (ConstantProduct: 64-bit peak, 17-bit p), and the selects on t are decided here.
    /// </summary>
    private static void WriteByConstant(Action<string> line, string name, string peak, string fall, BigInteger t, IrOp op, (int PerStep, int Steps)? folded)
    {
        line($"wire signed [79:0] {name}_n = $signed({{{fall}, 16'h0000}});");
        // In range: the peak is read only when it is > 0.
        _ = QuotientComparisons.WriteDecision(line, name, $"{name}_n", 80, peak, 64, 1, long.MaxValue, t, op);
        line("/* verilator lint_off UNUSEDSIGNAL */ // the wrapped case reads the peak's low 16 bits and |fall|'s bits");
        line($"wire [15:0] {name}_div = {peak}[15:0];");
        line($"wire [63:0] {name}_mag = {fall}[63] ? -{fall} : {fall};   // |fall| (2^63 for -2^63)");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        line($"wire signed [16:0] {name}_p = $signed({{1'b0, {name}_div}});");
        var products = new Dictionary<BigInteger, ConstantProduct.Product>();
        // K·p for p in [0, 2^16): one product per distinct constant K.
        ConstantProduct.Product Times(BigInteger k)
        {
            if (!products.TryGetValue(k, out var product))
                products[k] = product = ConstantProduct.Write(line, $"{name}_k{products.Count}", $"{name}_p", 17, 0, 65535, k);
            return product;
        }
        string Compare(string left, int leftWidth, string op, BigInteger k)
        {
            var product = Times(k);
            var w = Math.Max(leftWidth, product.Width);
            return $"({Signed(left, leftWidth, w)} {op} {Signed(product.Signal, product.Width, w)})";
        }
        var two63 = BigInteger.One << 63;
        var two64 = BigInteger.One << 64;
        // |n| < 2^80, so q >= 2^63 or q < -2^63 needs a peak below 2^16.
        line($"// the quotient leaves 64 bits (only with a peak below 2^16): q >= 2^63 or q < -2^63");
        line($"wire {name}_small = {peak} < {Literal(1 << 16, 64)};");
        var above = Compare($"{name}_n", 80, ">=", two63);
        var below = Compare($"{name}_n", 80, "<=", -two63 - 1);
        line($"wire {name}_above = {name}_small && {above};");
        line($"wire {name}_below = {name}_small && {below};");
        WriteRemainder(line, name, folded);
        line($"wire signed [80:0] {name}_m = $signed({{1'b0, {name}_rem0[15:0], {name}_mag[47:0], 16'h0000}});   // r·2^64 + L");
        string AtLeast(BigInteger k) => Compare($"{name}_m", 81, ">=", k);
        line($"wire {name}_u63 = {AtLeast(two63)};   // u >= 2^63");
        line($"wire {name}_u63p = {AtLeast(two63 + 1)};   // u > 2^63");
        var needs = new List<(string Suffix, BigInteger C)>();
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            needs.Add(("ge", t));
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
            needs.Add(("gt", t + 1));
        foreach (var (suffix, c) in needs)
        {
            // q > 0 wrapped: v = u (u < 2^63) or u - 2^64.
            var positive = c >= 0 ? $"({AtLeast(c)} && !{name}_u63)" : $"(!{name}_u63 || {AtLeast(two64 + c)})";
            // q < 0 wrapped: v = 0 (u = 0), -u (0 < u <= 2^63) or 2^64 - u (u > 2^63).
            var negative = c <= 0 ? $"(!{AtLeast(1 - c)} || {name}_u63p)" : $"({name}_u63p && !{AtLeast(two64 - c + 1)})";
            line($"wire {name}_all_{suffix} = ({peak} <= {Literal(0, 64)}) ? {QuotientComparisons.Holds(0, IrOp.GreaterOrEqual, c)} : {name}_above ? {positive} : {name}_below ? {negative} : {name}_{suffix};");
        }
        line($"wire {name} = {QuotientComparisons.FromAtLeastAndAbove(op, $"{name}_all_ge", $"{name}_all_gt")};");
    }
}
