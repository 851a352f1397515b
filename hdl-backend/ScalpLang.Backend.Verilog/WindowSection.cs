using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// One window over time (grammar/README.md §7) as registers, exactly as the runtime's window
/// state machines (ScalpLang.Runtime.Abi.Windows) compute it: 32 bucket registers (a ring of
/// bars for atr, WindowSection.Atr) driven by the event's time, their next state combinational from this event's
/// amounts or sample, the value read from the next state, and the registers taking the next state
/// when the event is evaluated (every event, whether or not a decision acts). Means, the z-score's
/// 138-bit variance and integer square root, and the ratios' divisions are combinational, so a
/// window in registers adds no stage. A sum window in block RAM (<paramref name="inBlockRam"/>,
/// WindowStorage) is WindowSumRing instead, and its value is one stage later.
/// </summary>
internal sealed partial class WindowSection(StringBuilder v, IrProgram program, Func<IrValue, string> sample64, Func<IrWindow, string> depthSample, bool inBlockRam)
{
    public const int Buckets = 32;
    /// <summary>The most bars an atr ring holds (grammar/README.md §7).</summary>
    public const int MaxAtrBars = 256;
    /// <summary>The most closes an ema catch-up computes before e stops changing (EmaWindow.MaxCatchUpUpdates).</summary>
    public const int MaxEmaCloses = 664;
    /// <summary>alpha = 2/33 quantised to nearest: 3972/65536 (EmaWindow.Alpha).</summary>
    public const int EmaAlpha = 3972;

    /// <summary>The window's 64-bit value; the node's wire may read fewer bits of it (its range).</summary>
    private void Value(string value, string expression)
    {
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the node's range may need fewer bits");
        Line($"wire signed [63:0] {value} = {expression};");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
    }

    private void Line(string text) => v.Append("    ").Append(text).Append('\n');

    /// <summary>Writes window <paramref name="w"/>'s state and its value as a 64-bit wire named <paramref name="value"/>.</summary>
    public void Write(IrWindow w, string value)
    {
        var sample = w.Kind == IrWindowKind.AvgDepth ? depthSample(w)
            : w.Operand is { } operand ? sample64(operand)
            : w.Kind == IrWindowKind.Drawdown ? "view_equity" : "";
        switch (w.Kind)
        {
            case IrWindowKind.TradeVolume or IrWindowKind.AggressorRatio or IrWindowKind.CancelRate:
                Sums(w, value);
                break;
            case IrWindowKind.Vwap:
            {
                var p = $"w{w.Id}";
                // Q.Mul(last price, traded size) = (price * lots * 2^16) >> 16 = price * lots exactly (the
                // shift drops only zeros), its low 64 bits: a product mod 2^64, so 64-bit operands suffice.
                var lots = EventSection.TradeSize;
                Line($"wire [63:0] {p}_pv = {Unsigned("last_price", BookSection.LastPriceBits, 64)} * {Signed(lots.Signal, lots.Width, 64)};");
                Sums(w, value);
                break;
            }
            case IrWindowKind.Sma or IrWindowKind.AvgDepth or IrWindowKind.Zscore or IrWindowKind.Drawdown:
                Samples(w, value, sample);
                break;
            case IrWindowKind.Ema:
                Ema(w, value, sample);
                break;
            case IrWindowKind.Atr:
                Atr(w, value, valueAfter: inBlockRam);   // its mean is read from registers at stage 1
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"window {w.Kind}");
        }
    }

    /// <summary>A load-time constant (window, bar) as a 64-bit Verilog expression: a literal or the param.</summary>
    private string Constant(IrValue value) => program[value] switch
    {
        IrConst c => $"64'd{c.Raw.ToString(CultureInfo.InvariantCulture)}",
        IrParam p => $"p_{program.Params[p.Index].Name}",
        _ => throw new System.Diagnostics.UnreachableException($"{value} is not a load-time constant"),
    };

    /// <summary>Slot j holds a bucket time passed over (a bit of <see cref="PassedMask"/>).</summary>
    private static string Passed(string p, int j) => $"{p}_passed[{j}]";

    /// <summary>
    /// The slots of the buckets time passed over, as one mask: the gap's buckets after the old
    /// current one (all 32 for a gap of 32 or more), a run of ones rotated to start there.
    /// </summary>
    private void PassedMask(string p)
    {
        Line($"wire [31:0] {p}_run = ({p}_gap >= 64'd{Buckets}) ? 32'hFFFFFFFF : (32'd1 << {p}_gap[4:0]) - 32'd1;");
        Line($"wire [4:0] {p}_from = {p}_bucket[4:0] + 5'd1;");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the rotation's result is the high half");
        Line($"wire [63:0] {p}_rotated = {{{p}_run, {p}_run}} << {p}_from;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [31:0] {p}_passed = {p}_rotated[63:32];");
    }

    /// <summary>
    /// A sum window: each lane (WindowSumLanes) adds its amount at the amount's width, every bucket,
    /// sum and subtraction wrapping there, which is the IL's 64-bit wrapping without the amount's zero bits.
    /// </summary>
    private void Sums(IrWindow w, string value)
    {
        var p = $"w{w.Id}";
        var amounts = WindowSumLanes.Of(w.Kind, p);
        var lanes = amounts.Select((amount, i) => (Name: i == 0 ? "a" : "b", Amount: amount)).ToArray();
        Clock(p, w.Window, "64'd32", "bucket width W / 32");
        PassedMask(p);
        // Read only when the event is evaluated; held at 0 between, so a simulator recomputes the
        // window once per event rather than once per record.
        // (The evaluation after our own fill adds nothing: the event's amounts were counted once.)
        foreach (var (lane, amount) in lanes)
            Line($"wire signed {Range(amount.Width)}{p}_in_{lane} = (eval_pending && !eval_refill) ? {amount.Signal} : {Literal(0, amount.Width)};{LotsNote(amount)}");
        if (inBlockRam)
        {
            SumRing(p, lanes, value);
            return;
        }
        foreach (var (lane, amount) in lanes)
        {
            var zero = Literal(0, amount.Width);
            for (var j = 0; j < Buckets; j++)
                Line($"reg signed {Range(amount.Width)}{p}_{lane}_{j};");
            for (var j = 0; j < Buckets; j++)
                Line($"wire signed {Range(amount.Width)}{p}_{lane}_next_{j} = ({Passed(p, j)} ? {zero} : {p}_{lane}_{j}) + (({p}_now[4:0] == 5'd{j}) ? {p}_in_{lane} : {zero});");
            Line($"wire signed {Range(amount.Width)}{p}_total_{lane} = {string.Join(" + ", Enumerable.Range(0, Buckets).Select(j => $"{p}_{lane}_next_{j}"))};");
        }
        Registers(p, lanes.SelectMany(lane => Enumerable.Range(0, Buckets).Select(j => ($"{p}_{lane.Name}_{j}", $"{p}_{lane.Name}_next_{j}", Literal(0, lane.Amount.Width)))));
        Total(p, amounts, value);
    }

    /// <summary>Why a lane is narrower than 64 bits, beside its input.</summary>
    private static string LotsNote(SumAmount amount) =>
        amount.ZeroBits == 0 ? "" : $"   // Q47.16 / 2^{amount.ZeroBits}: the low {amount.ZeroBits} bits are 0 in every amount (SumAmount)";

    /// <summary>The window's value from its totals <c>{p}_total_a</c> (and <c>_b</c>): the sum with its zero bits put back, or the ratio.</summary>
    private void Total(string p, SumAmount[] amounts, string value)
    {
        if (amounts.Length == 1)
            Value(value, amounts[0].Widened($"{p}_total_a"));
        else
            Ratio(p, amounts, value);
    }

    /// <summary>Q.Div on 64-bit operands: (a &lt;&lt; 16) / b in 81 bits, truncated toward zero, b = 0 gives 0, low 64 bits kept.</summary>
    private void Divide(string p, string a, string b, string value) =>
        Divide(p, new SumAmount(a, 0), a, new SumAmount(b, 0), b, value);

    /// <summary>
    /// Q.Div(a, b) of a = <paramref name="a"/>·2^za and b = <paramref name="b"/>·2^zb, signals of
    /// <paramref name="scaleA"/>'s and <paramref name="scaleB"/>'s widths and zero bits: trunc(a·2^16 / b)
    /// = trunc(a'·2^(16 + za - zb) / b'), exact at the width of that numerator plus one (-2^k / -1 is
    /// the largest quotient), truncated toward zero as Verilog's signed division does; b = 0 gives 0,
    /// the low 64 bits kept.
    /// </summary>
    private void Divide(string p, SumAmount scaleA, string a, SumAmount scaleB, string b, string value)
    {
        var shift = 16 + scaleA.ZeroBits - scaleB.ZeroBits;
        if (shift < 0)
            throw new System.Diagnostics.UnreachableException($"{p}: a divisor with more zero bits than the numerator has plus 16");
        var width = Math.Max(scaleA.Width + shift, scaleB.Width) + 1;
        var numerator = shift == 0 ? Signed(a, scaleA.Width, width) : $"$signed({{{Signed(a, scaleA.Width, width - shift)}, {shift}'h0}})";
        Line($"wire signed {Range(width)}{p}_numerator = {numerator};");
        Line($"wire signed {Range(width)}{p}_divisor = {Signed(b, scaleB.Width, width)};");
        Line($"wire {p}_by_zero = {b} == {Literal(0, scaleB.Width)};");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the exact quotient; Q.Div keeps its low 64 bits");
        Line($"wire signed {Range(width)}{p}_quotient = {p}_numerator / ({p}_by_zero ? {Literal(1, width)} : {p}_divisor);");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Value(value, $"{p}_by_zero ? 64'sd0 : {Signed($"{p}_quotient", width, 64)}");
    }

    /// <summary>The registers take their next state when the event is evaluated; the clock starts with the first event.</summary>
    private void Registers(string p, IEnumerable<(string Reg, string Next, string Reset)> state, string clock = "")
    {
        var list = state.ToList();
        v.Append("    always @(posedge clk) begin\n        if (rst) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_started <= 1'b0;\n            {p}_bucket <= {BucketZero(p)};\n");
        foreach (var (reg, _, reset) in list)
            v.Append(CultureInfo.InvariantCulture, $"            {reg} <= {reset};\n");
        v.Append("        end else if (eval_pending) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_started <= 1'b1;\n            {p}_bucket <= {(clock.Length == 0 ? $"{p}_now" : clock)};\n");
        foreach (var (reg, next, _) in list)
            v.Append(CultureInfo.InvariantCulture, $"            {reg} <= {next};\n");
        v.Append("        end\n    end\n");
    }

    private void Samples(IrWindow w, string value, string sample)
    {
        var p = $"w{w.Id}";
        Clock(p, w.Window, "64'd32", "bucket width W / 32");
        if (!(w.Kind == IrWindowKind.Drawdown && inBlockRam))   // drawdown's RAM update finds the gap's slots itself (DrawdownRamRing)
            PassedMask(p);
        Line($"wire signed [63:0] {p}_sample = eval_pending ? {sample} : 64'sd0;   // read when the event is evaluated");
        Line($"reg [5:0] {p}_count;   // buckets held, 1..32 once started");
        var countNext = $"!{p}_started ? 6'd1 : ({p}_gap >= 64'd32 || {{58'd0, {p}_count}} + {p}_gap >= 64'd32) ? 6'd32 : {p}_count + {p}_gap[5:0]";
        if (w.Kind == IrWindowKind.Drawdown)
        {
            DrawdownPeak(p, countNext);
            Drawdown(p, value);
            return;
        }
        if (inBlockRam)
        {
            Line($"wire [5:0] {p}_count_next = {countNext};");
            SampleRing(p, value, $"{p}_count_next");
            return;
        }
        for (var j = 0; j < Buckets; j++)
            Line($"reg signed [63:0] {p}_s_{j};");
        // The old current bucket's last sample fills the buckets time passed over.
        var repeat = string.Concat(Enumerable.Range(0, Buckets - 1).Select(j => $"({p}_bucket[4:0] == 5'd{j}) ? {p}_s_{j} : ")) + $"{p}_s_{Buckets - 1}";
        Line($"wire signed [63:0] {p}_repeat = {repeat};");
        for (var j = 0; j < Buckets; j++)
            Line($"wire signed [63:0] {p}_s_next_{j} = ({p}_now[4:0] == 5'd{j}) ? {p}_sample : {Passed(p, j)} ? {p}_repeat : {p}_s_{j};");
        Line($"wire [5:0] {p}_count_next = {countNext};");
        // The held slots: count_next of them ending at the current one (a run of ones rotated there).
        Line($"wire [31:0] {p}_held_run = {p}_count_next[5] ? 32'hFFFFFFFF : (32'd1 << {p}_count_next[4:0]) - 32'd1;");
        Line($"wire [4:0] {p}_held_from = {p}_now[4:0] + 5'd1 - {p}_count_next[4:0];");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the rotation's result is the high half");
        Line($"wire [63:0] {p}_held_rotated = {{{p}_held_run, {p}_held_run}} << {p}_held_from;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [31:0] {p}_held = {p}_held_rotated[63:32];");
        Registers(p, [($"{p}_count", $"{p}_count_next", "6'd0"), .. Enumerable.Range(0, Buckets).Select(j => ($"{p}_s_{j}", $"{p}_s_next_{j}", "64'sd0"))]);
        // The exact sum of the held samples (at most 2^68 in magnitude: 70 bits never wrap).
        Line($"wire signed [69:0] {p}_sum = {string.Join(" + ", Enumerable.Range(0, Buckets).Select(j => $"({p}_held[{j}] ? {Signed($"{p}_s_next_{j}", 64, 70)} : 70'sd0)"))};");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // a mean of 64-bit samples fits 64 bits");
        Line($"wire signed [69:0] {p}_mean_wide = {p}_sum / $signed({{64'd0, {p}_count_next}});");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        switch (w.Kind)
        {
            case IrWindowKind.Sma or IrWindowKind.AvgDepth:
                Value(value, $"{p}_mean_wide[63:0]");
                break;
            default:
                Zscore(p, value);
                break;
        }
    }

    /// <summary>
    /// (x - m) / s with s = isqrt(floor((n Σx² - (Σx)²) / n²)), every step exact on raw values
    /// (ZscoreWindow): squares below 2^126, their sum below 2^131, n Σx² below 2^137.
    /// </summary>
    private void Zscore(string p, string value)
    {
        for (var j = 0; j < Buckets; j++)
        {
            Line("/* verilator lint_off UNUSEDSIGNAL */ // a square is non-negative: its sign bit is 0");
            Line($"wire signed [127:0] {p}_sq_{j} = {Signed($"{p}_s_next_{j}", 64, 128)} * {Signed($"{p}_s_next_{j}", 64, 128)};");
            Line("/* verilator lint_on UNUSEDSIGNAL */");
        }
        Line($"wire [137:0] {p}_sum_sq = {string.Join(" + ", Enumerable.Range(0, Buckets).Select(j => $"({p}_held[{j}] ? {{11'd0, {p}_sq_{j}[126:0]}} : 138'd0)"))};");
        Line($"wire [137:0] {p}_abs_sum = {p}_sum[69] ? {{68'd0, -{p}_sum}} : {{68'd0, {p}_sum}};");
        Line($"wire [137:0] {p}_spread = {{132'd0, {p}_count_next}} * {p}_sum_sq - {p}_abs_sum * {p}_abs_sum;");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the variance is below 2^126");
        Line($"wire [137:0] {p}_variance = {p}_spread / ({{132'd0, {p}_count_next}} * {{132'd0, {p}_count_next}});");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [63:0] {p}_std = {p}_isqrt({p}_variance[127:0]);");
        Line($"wire signed [63:0] {p}_mean = {p}_mean_wide[63:0];");
        Line($"wire signed [63:0] {p}_deviation = {p}_sample - {p}_mean;");
        Line($"wire signed [63:0] {p}_std_signed = $signed({p}_std);");
        Divide(p, $"{p}_deviation", $"{p}_std_signed", value);
        v.Append(CultureInfo.InvariantCulture, $$"""
                // floor(sqrt(x)), bit by bit (x < 2^128, so the root is below 2^64).
                function [63:0] {{p}}_isqrt;
                    input [127:0] x;
                    reg [127:0] rest;
                    reg [63:0] root;
                    reg [127:0] trial;
                    integer i;
                    begin
                        rest = x;
                        root = 64'd0;
                        for (i = 63; i >= 0; i = i - 1) begin
                            trial = ({64'd0, root} << (i + 1)) + (128'd1 << (2 * i));
                            if (trial <= rest) begin
                                rest = rest - trial;
                                root = root | (64'd1 << i);
                            end
                        end
                        {{p}}_isqrt = root;
                    end
                endfunction

            """);
    }

    /// <summary>
    /// e starts at the first sample; each bucket time passes over closes with e + alpha (x - e), x the
    /// old bucket's last sample (EmaWindow); once a close leaves e unchanged every later one does too,
    /// so at most 664 closes are computed.
    /// </summary>
    private void Ema(IrWindow w, string value, string sample)
    {
        var p = $"w{w.Id}";
        Clock(p, w.Window, "64'd32", "bucket width W / 32");
        Line($"wire signed [63:0] {p}_sample = eval_pending ? {sample} : 64'sd0;   // read when the event is evaluated");
        Line($"reg signed [63:0] {p}_e;   // the average, moved only by closing buckets");
        Line($"reg signed [63:0] {p}_x;   // the open bucket's last sample");
        v.Append(CultureInfo.InvariantCulture, $$"""
                function signed [63:0] {{p}}_close;
                    input signed [63:0] e;
                    input signed [63:0] x;
                    input [9:0] closes;
                    reg signed [63:0] d;
                    /* verilator lint_off UNUSEDSIGNAL */ // the floor shift drops the low 16 bits
                    reg signed [79:0] product;
                    /* verilator lint_on UNUSEDSIGNAL */
                    integer i;
                    begin
                        {{p}}_close = e;
                        for (i = 0; i < {{MaxEmaCloses}}; i = i + 1) begin
                            if ({22'd0, closes} > i) begin
                                d = x - {{p}}_close;
                                product = d * 80'sd{{EmaAlpha}};   // both signed: d is sign-extended to 80 bits
                                {{p}}_close = {{p}}_close + product[79:16];
                            end
                        end
                    end
                endfunction

            """);
        // The catch-up's inputs are held at 0 while no bucket closes, so a simulator re-runs it only when one does.
        Line($"wire {p}_closing = eval_pending && {p}_started && {p}_gap != 64'd0;");
        Line($"wire [9:0] {p}_closes = !{p}_closing ? 10'd0 : ({p}_gap > 64'd{MaxEmaCloses}) ? 10'd{MaxEmaCloses} : {p}_gap[9:0];");
        Line($"wire signed [63:0] {p}_caught_up = {p}_close({p}_closing ? {p}_e : 64'sd0, {p}_closing ? {p}_x : 64'sd0, {p}_closes);");
        Line($"wire signed [63:0] {p}_e_next = !{p}_started ? {p}_sample : {p}_closing ? {p}_caught_up : {p}_e;");
        Registers(p, [($"{p}_e", $"{p}_e_next", "64'sd0"), ($"{p}_x", $"{p}_sample", "64'sd0")]);
        Value(value, $"{p}_e_next");
    }
}
