using System.Numerics;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A window ratio <c>Q.Div(a, b)</c> of two wrapping 64-bit totals compared with a build-time value
/// t, decided without dividing (hdl-backend/README.md, "Window ratios"). The totals come as
/// a = A·2^z, b = B·2^z (z the lanes' known zero bits, SumAmount: the signals hold A and B at
/// 64 - z bits), and q = trunc(a·2^16 / b) = trunc(A·2^16 / B) = trunc(n / d) with n = ±A·2^16 and
/// d = |B| (the sign moved to the numerator), so the comparison of QuotientComparisons applies
/// exactly with d &gt; 0, on operands z bits narrower (a bound known when writing turns the tests
/// round on B's sign instead of negating: WriteByConstant). The IL keeps q's low 64 bits: the totals of
/// aggressor_ratio and cancel_rate are sums of whole lots (a, b multiples of 2^16, which wrapping at
/// 2^64 keeps), so |q| = |A|·2^16 / |B| &lt;= 2^(63-z)·2^16 / 2^(16-z) = 2^63, and the only quotient
/// past 64 bits is A = -2^(63-z), B = -2^(16-z) (q = 2^63, kept as -2^63), which is decided on its own.
/// </summary>
internal static class WindowRatioComparison
{
    /// <summary>
    /// Windows whose value is a ratio of two whole-lot totals: two lanes (WindowSumLanes) with the same
    /// zero bits, at least the 16 of a whole lot, which the bound on q above needs.
    /// </summary>
    public static bool IsRatioOfLots(IrWindowKind kind) =>
        WindowStorage.IsSum(kind) && WindowSumLanes.Of(kind, "") is [var a, var b] && a.ZeroBits == b.ZeroBits && a.ZeroBits >= EventSection.LotZeroBits;

    /// <summary>
    /// Writes wire <paramref name="name"/> = Q.Div(a, b) <paramref name="op"/> t through <paramref name="line"/>;
    /// a and b are the totals / 2^<paramref name="zeroBits"/> as signed (64 - zeroBits)-bit signals
    /// (whole-lot totals: zeroBits at most 16), t a signed signal of <paramref name="boundWidth"/> bits.
    /// </summary>
    /// <param name="products">products of the same totals written before (ConstantProducts), shared by a module's comparisons.</param>
    /// <param name="foldBudget">
    /// the evaluation folded over the interval with this budget (EvaluationFold), the totals held from
    /// stage 1: a product of many digits is added over it (ConstantProducts.Serial); 0 for none.
    /// </param>
    public static void Write(Action<string> line, string name, string a, string b, string t, int boundWidth, IrOp op, BigInteger? known = null, int zeroBits = 0,
        ConstantProducts? products = null, int foldBudget = 0)
    {
        if (zeroBits is < 0 or > EventSection.LotZeroBits)
            throw new System.Diagnostics.UnreachableException($"{name}: totals with {zeroBits} zero bits are not whole-lot totals at most 16 bits narrower");
        var total = 64 - zeroBits;
        if (known is { } bound)
        {
            WriteByConstant(line, name, a, b, total, bound, op, products ?? new ConstantProducts(line), foldBudget);
            return;
        }
        // n = ±A·2^16: total + 16 bits and its negation one more; d = |B| up to 2^(total-1) (total + 1
        // signed bits); m·d: (t + 1) times d, a signed product of those widths.
        var w = Math.Max(total + 17, boundWidth + 1 + total + 1);
        line($"wire signed {Range(w)}{name}_b = {Signed(b, total, w)};");
        line($"wire signed {Range(w)}{name}_shifted = $signed({{{Signed(a, total, w - 16)}, 16'h0000}});");
        line($"wire signed {Range(w)}{name}_n = {name}_b[{w - 1}] ? -{name}_shifted : {name}_shifted;");
        line($"wire signed {Range(w)}{name}_d = {name}_b[{w - 1}] ? -{name}_b : {name}_b;");
        line($"wire signed {Range(w)}{name}_t = {Signed(t, boundWidth, w)};");
        var decided = QuotientComparisons.WriteDecision(line, name, w, op);
        var zero = Literal(0, w);
        var minimum = Literal(long.MinValue, w);
        WriteWraps(line, name, a, b, total);
        line($"wire {name} = ({name}_d == {zero}) ? ({zero} {QuotientComparisons.Operator(op)} {name}_t) : {name}_wraps ? ({minimum} {QuotientComparisons.Operator(op)} {name}_t) : ({decided});");
    }

    /// <summary>
    /// The same for t known when writing, without moving B's sign: q = trunc(N / B) with N = A·2^16,
    /// and truncation is symmetric (trunc(N / B) = trunc(-N / -B)), so with S = N - f·B (f = m for
    /// m &gt; 0, m - 1 for m &lt;= 0, as in QuotientComparisons) q &gt;= m is S &gt;= 0 (m &gt; 0) or
    /// S &gt; 0 (m &lt;= 0) when B &gt; 0, and S &lt;= 0 or S &lt; 0 when B &lt; 0. One product of B by f
    /// (ConstantProduct) and one subtraction per test; no negation of A·2^16 or of B. The cases B = 0
    /// and the wrap are decided at emit time.
    /// </summary>
    /// <summary>The factors f a comparison with a known bound multiplies B by: m for m &gt; 0, m - 1 for m &lt;= 0, for each m the operator tests.</summary>
    public static IEnumerable<BigInteger> Factors(BigInteger t, IrOp op)
    {
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            yield return t > 0 ? t : t - 1;
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
            yield return t + 1 > 0 ? t + 1 : t;
    }

    /// <summary>The fold's units a comparison with a known bound adds (EvaluationFold): one per serial product, loaded at stage 1.</summary>
    public static IEnumerable<EvaluationFold.Unit> FoldUnits(BigInteger t, IrOp op) =>
        Factors(t, op).Where(ConstantProducts.WouldBeSerial).Select(f => new EvaluationFold.Unit(SerialConstantProduct.Positions(f), 0));

    private static void WriteByConstant(Action<string> line, string name, string a, string b, int total, BigInteger t, IrOp op, ConstantProducts products, int foldBudget)
    {
        var nWidth = total + 16;
        ConstantProducts.Serial? Serial(BigInteger f)
        {
            var unit = new EvaluationFold.Unit(SerialConstantProduct.Positions(f), 0);
            if (foldBudget == 0 || !ConstantProducts.WouldBeSerial(f) || !EvaluationFold.Fits(unit, foldBudget))
                return null;
            var (perStep, steps) = EvaluationFold.Plan(unit, foldBudget);
            // The totals are held from stage 1, the cycle after the evaluation.
            return new ConstantProducts.Serial("eval_pending", perStep, steps);
        }
        line($"wire signed {Range(nWidth)}{name}_shifted = $signed({{{a}, 16'h0000}});   // N = A·2^16");
        line($"wire {name}_negative = {b}[{total - 1}];   // B < 0: each test turns round");
        var half = BigInteger.One << (total - 1);
        void AtLeast(string suffix, BigInteger m)
        {
            var positive = m > 0;
            var f = positive ? m : m - 1;
            var product = products.Write($"{name}_{suffix}_product", b, total, -half, half - 1, f, Serial(f));
            var w = Math.Max(nWidth, product.Width) + 1;
            var s = $"{name}_{suffix}_s";
            line($"wire signed {Range(w)}{s} = {Signed($"{name}_shifted", nWidth, w)} - {Signed(product.Signal, product.Width, w)};   // N - f·B, exact");
            line($"wire {s}_zero = {s} == {Literal(0, w)};");
            // B > 0: S >= 0 (S > 0 for m <= 0); B < 0: S <= 0 (S < 0 for m <= 0).
            var whenPositive = positive ? $"!{s}[{w - 1}]" : $"!{s}[{w - 1}] && !{s}_zero";
            var whenNegative = positive ? $"{s}[{w - 1}] || {s}_zero" : $"{s}[{w - 1}]";
            line($"wire {name}_{suffix} = {name}_negative ? ({whenNegative}) : ({whenPositive});");
        }
        if (op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual)
            AtLeast("ge", t);
        if (op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual)
            AtLeast("gt", t + 1);
        var decided = QuotientComparisons.FromAtLeastAndAbove(op, $"{name}_ge", $"{name}_gt");
        WriteWraps(line, name, a, b, total);
        line($"wire {name} = ({b} == {Literal(0, total)}) ? {QuotientComparisons.Holds(0, op, t)} : {name}_wraps ? {QuotientComparisons.Holds(long.MinValue, op, t)} : ({decided});");
    }

    /// <summary>The one quotient past 64 bits (whole-lot totals): -2^63 / -2^16 = 2^63, whose low 64 bits are -2^63.</summary>
    private static void WriteWraps(Action<string> line, string name, string a, string b, int total)
    {
        var zeroBits = 64 - total;
        line($"// the one quotient past 64 bits (whole-lot totals): -2^63 / -2^16 = 2^63, whose low 64 bits are -2^63{(zeroBits == 0 ? "" : $" (totals here / 2^{zeroBits})")}");
        line($"wire {name}_wraps = ({a} == {Literal(BigInteger.MinusOne << (total - 1), total)}) && ({b} == {Literal(BigInteger.MinusOne << (EventSection.LotZeroBits - zeroBits), total)});");
    }
}
