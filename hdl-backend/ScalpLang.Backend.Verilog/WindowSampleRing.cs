using System.Globalization;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A mean over bucket samples (`sma`, `avg_depth`; grammar/README.md §7 rules 1, 3, 4) with its
/// buckets in block RAM instead of 32 sample registers and a 32-input adder. P is the prefix sum
/// of bucket samples since the first bucket (a skipped bucket counts the sample it repeats), kept
/// mod 2^70: `open` = P before the current bucket k, so P up to k is open + x (x the current
/// bucket's sample so far, `last`). The evaluation that opens bucket k closes the old current bucket
/// b and the gap's empty buckets, all holding b's last sample: P before k = open + m * last with m
/// = k - b; it writes (P before k, last) to slot k mod 32. With the ring index of WindowSumRing
/// (valid slots, the oldest valid one f at age a = f - (k-31)):
///
/// - warming up (n &lt; 32 buckets held, so no gap reached 32): the held buckets are all since the
///   first, whose P before is 0: sum = open + x;
/// - n = 32: sum = (open + x) - P(k-32), and P(k-32) = P before f - a * (f's repeated sample),
///   because the a buckets k-31..f-1 had no evaluation and repeat that sample (f is the oldest
///   bucket in the window with one).
///
/// A gap of 32 or more leaves no valid slot but the current one, so P before k is only ever
/// compared with itself: m = 32 stands for any such gap (P is a relative prefix), which keeps m to
/// 6 bits. |sum| &lt;= 32 * 2^63 = 2^68, so the differences mod 2^70 read as signed are exact.
/// As in the sum ring the slot is read at the edge that ends the evaluation and the value is one
/// stage later; when the only valid slot is the one being written (fresh_only) the registers
/// `open` and `fill` hold what it receives.
/// </summary>
internal sealed partial class WindowSection
{
    private const int PrefixBits = 70;

    private void SampleRing(string p, string value, string countNext)
    {
        Line("// Bucket samples in block RAM (WindowSampleRing): the held sum is a difference of prefix sums, read one cycle later.");
        var index = RingIndex(p);
        var last = Signed($"{p}_last", 64, PrefixBits);
        Line($"reg  signed [63:0] {p}_last;   // the current bucket's sample so far (the last evaluation's)");
        Line($"reg  signed [69:0] {p}_open;   // P before the current bucket, mod 2^70");
        Line($"reg  signed [63:0] {p}_fill;   // the sample the buckets before the current one repeat");
        Line($"reg         [4:0]  {p}_age;    // the oldest valid slot's age, for stage 1");
        // Buckets this evaluation closes: the old current one and the gap's empty ones (32 stands for more).
        Line($"wire        [5:0]  {p}_closed = ({p}_gap >= 64'd{Buckets}) ? 6'd{Buckets} : {{1'b0, {p}_gap[4:0]}};");
        Line($"wire signed [69:0] {p}_closed_sum = $signed({{64'd0, {p}_closed}}) * {last};   // mod 2^70");
        Line($"wire signed [69:0] {p}_open_next = !{p}_started ? 70'sd0 : {p}_opens ? {p}_open + {p}_closed_sum : {p}_open;");
        Line($"wire signed [63:0] {p}_fill_next = {p}_opens ? {p}_last : {p}_fill;");
        Line($"(* no_rw_check *) reg signed [69:0] {p}_ring_p [0:{Buckets - 1}];   // P before bucket f, at slot f mod 32");
        Line($"(* no_rw_check *) reg signed [63:0] {p}_ring_r [0:{Buckets - 1}];   // the sample buckets before f repeat");
        Line($"reg  signed [69:0] {p}_base_p;   // the oldest valid slot, the RAM's registered read");
        Line($"reg  signed [63:0] {p}_base_r;");
        v.Append(CultureInfo.InvariantCulture, $"    always @(posedge clk) begin\n        if (eval_pending) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            if ({p}_opens) begin\n                {p}_ring_p[{p}_now[4:0]] <= {p}_open_next;\n                {p}_ring_r[{p}_now[4:0]] <= {p}_last;\n            end\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_base_p <= {p}_ring_p[{p}_oldest];\n            {p}_base_r <= {p}_ring_r[{p}_oldest];\n        end\n    end\n");
        Registers(p,
        [
            .. index,
            ($"{p}_count", countNext, "6'd0"),
            ($"{p}_last", $"{p}_sample", "64'sd0"),
            ($"{p}_open", $"{p}_open_next", "70'sd0"),
            ($"{p}_fill", $"{p}_fill_next", "64'sd0"),
            ($"{p}_age", $"{p}_oldest_age", "5'd0"),
        ]);
        Line("// stage 1: the registers above hold the evaluated event's state; P(k-32) from the oldest valid slot");
        Line($"wire signed [69:0] {p}_anchor_p = {p}_fresh_only ? {p}_open : {p}_base_p;");
        Line($"wire signed [63:0] {p}_anchor_r = {p}_fresh_only ? {p}_fill : {p}_base_r;");
        Line($"wire signed [69:0] {p}_through_now = {p}_open + {last};");
        Line($"wire signed [69:0] {p}_before_window = {p}_anchor_p - $signed({{65'd0, {p}_age}}) * {Signed($"{p}_anchor_r", 64, PrefixBits)};");
        Line($"wire signed [69:0] {p}_sum = {p}_count[5] ? {p}_through_now - {p}_before_window : {p}_through_now;");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // a mean of 64-bit samples fits 64 bits");
        Line($"wire signed [69:0] {p}_mean_wide = {p}_sum / $signed({{64'd0, {p}_count}});");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Value(value, $"{p}_mean_wide[63:0]");
    }
}
