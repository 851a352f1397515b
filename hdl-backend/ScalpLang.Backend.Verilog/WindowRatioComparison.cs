using System.Numerics;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A window ratio <c>Q.Div(a, b)</c> of two wrapping 64-bit totals compared with a build-time value
/// t, decided without dividing (hdl-backend/README.md, "Window ratios"). q = trunc(a·2^16 / b) =
/// trunc(n / d) with n = ±a·2^16 and d = |b| (the sign moved to the numerator), so the comparison of
/// QuotientComparisons applies exactly with d &gt; 0. The IL keeps q's low 64 bits: the totals of
/// aggressor_ratio and cancel_rate are sums of whole lots (multiples of 2^16, which wrapping at
/// 2^64 keeps), so |q| &lt;= 2^63 and the only quotient past 64 bits is a = -2^63, b = -2^16
/// (q = 2^63, kept as -2^63), which is decided on its own.
/// </summary>
internal static class WindowRatioComparison
{
    /// <summary>Windows whose value is a ratio of two whole-lot totals (the amounts WindowSection.Sums adds for them).</summary>
    public static bool IsRatioOfLots(IrWindowKind kind) => kind is IrWindowKind.AggressorRatio or IrWindowKind.CancelRate;

    /// <summary>
    /// Writes wire <paramref name="name"/> = Q.Div(a, b) <paramref name="op"/> t through <paramref name="line"/>;
    /// a and b are 64-bit signed signals, t a signed signal of <paramref name="boundWidth"/> bits.
    /// </summary>
    public static void Write(Action<string> line, string name, string a, string b, string t, int boundWidth, IrOp op, BigInteger? known = null)
    {
        if (known is { } bound)
        {
            WriteByConstant(line, name, a, b, bound, op);
            return;
        }
        // n: 80 bits and its negation 81; d = |b| up to 2^63 (65 signed bits); m·d: (t + 1) times d, a signed product of those widths.
        var w = Math.Max(81, boundWidth + 1 + 65);
        line($"wire signed {Range(w)}{name}_b = {Signed(b, 64, w)};");
        line($"wire signed {Range(w)}{name}_shifted = $signed({{{Signed(a, 64, w - 16)}, 16'h0000}});");
        line($"wire signed {Range(w)}{name}_n = {name}_b[{w - 1}] ? -{name}_shifted : {name}_shifted;");
        line($"wire signed {Range(w)}{name}_d = {name}_b[{w - 1}] ? -{name}_b : {name}_b;");
        line($"wire signed {Range(w)}{name}_t = {Signed(t, boundWidth, w)};");
        var decided = QuotientComparisons.WriteDecision(line, name, w, op);
        var zero = Literal(0, w);
        var minimum = Literal(long.MinValue, w);
        WriteWraps(line, name, a, b);
        line($"wire {name} = ({name}_d == {zero}) ? ({zero} {QuotientComparisons.Operator(op)} {name}_t) : {name}_wraps ? ({minimum} {QuotientComparisons.Operator(op)} {name}_t) : ({decided});");
    }

    /// <summary>
    /// The same for t known when writing: n (81 bits) and d = |b| (65 bits) at their own widths, each
    /// m·d shifts and adds of d (ConstantProduct), the cases d = 0 and the wrap decided at emit time.
    /// </summary>
    private static void WriteByConstant(Action<string> line, string name, string a, string b, BigInteger t, IrOp op)
    {
        line($"wire signed [80:0] {name}_shifted = $signed({{{Signed(a, 64, 65)}, 16'h0000}});");
        line($"wire signed [80:0] {name}_n = {b}[63] ? -{name}_shifted : {name}_shifted;");
        line($"wire signed [64:0] {name}_d = {b}[63] ? -{Signed(b, 64, 65)} : {Signed(b, 64, 65)};");
        var decided = QuotientComparisons.WriteDecision(line, name, $"{name}_n", 81, $"{name}_d", 65, 0, BigInteger.One << 63, t, op);
        WriteWraps(line, name, a, b);
        line($"wire {name} = ({name}_d == {Literal(0, 65)}) ? {QuotientComparisons.Holds(0, op, t)} : {name}_wraps ? {QuotientComparisons.Holds(long.MinValue, op, t)} : ({decided});");
    }

    /// <summary>The one quotient past 64 bits (whole-lot totals): -2^63 / -2^16 = 2^63, whose low 64 bits are -2^63.</summary>
    private static void WriteWraps(Action<string> line, string name, string a, string b)
    {
        line($"// the one quotient past 64 bits (whole-lot totals): -2^63 / -2^16 = 2^63, whose low 64 bits are -2^63");
        line($"wire {name}_wraps = ({a} == {Literal(long.MinValue, 64)}) && ({b} == {Literal(-65536, 64)});");
    }
}
