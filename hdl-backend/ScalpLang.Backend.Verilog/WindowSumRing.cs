using System.Globalization;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A sum window (grammar/README.md §7 rules 1-2) with its buckets in block RAM instead of 32
/// registers per lane and a 32-input adder. Per lane: C, the wrapping sum of every amount ever
/// added; a 32-slot ring where slot k mod 32 holds A(k) = C just before the first evaluation of
/// bucket k (written by the evaluation that opens bucket k); and one 32-bit mask `valid` of the
/// slots whose bucket is in the window (k-31..k) and had an evaluation. The window total is then
/// C (after this event) - A(oldest valid slot), wrapping.
///
/// Why it is exact: buckets only grow with time (an older one counts in the newest), so the
/// amounts C gathered after A(b) was taken are exactly those of buckets b..k. With b the oldest
/// valid bucket, every bucket in k-31..k older than b had no evaluation (its sum is 0) and every
/// amount before A(b) belongs to a bucket older than b, hence older than k-31 (or in an empty
/// one): C - A(b) = the sum of buckets k-31..k. Both sides are sums mod 2^64, so the wrapping
/// subtraction gives the wrapping total, as the 32 wrapping bucket sums added did. A lane whose
/// amounts have known zero low bits (whole lots: SumAmount) is all of this without them, mod 2^48.
///
/// The RAM's read is registered: the oldest slot is found (a priority encoder over the mask
/// rotated to start at the window's oldest bucket) and read at the edge that ends the evaluation,
/// so the total is ready one cycle later (stage 1; ModuleWriter adds the stage). The only read of
/// a slot written at the same edge is when this event opened the current bucket and no other slot
/// is valid: then A = C before the event and the total is the event's own amount, kept in a
/// register (`fresh`), so the RAM's read-during-write result is never used (hence no_rw_check).
/// </summary>
internal sealed partial class WindowSection
{
    private void SumRing(string p, (string Name, SumAmount Amount)[] lanes, string value)
    {
        Line("// Buckets in block RAM (WindowSumRing): the total is C - A(oldest valid slot), read one cycle later.");
        var index = RingIndex(p);
        foreach (var (lane, amount) in lanes)
        {
            // At the amount's width: C, A(k) and their difference wrap at 2^width as the IL's 64-bit
            // sums of {amount, zero bits} wrap at 2^64 (SumAmount), so a whole-lot lane is 48 bits
            // (3 block RAMs of 16 bits, not 4) and its subtraction 48 bits.
            var l = $"{p}_{lane}";
            var range = Range(amount.Width);
            Line($"reg  signed {range}{l}_sum;     // C: every amount added so far, wrapping");
            Line($"wire signed {range}{l}_sum_next = {l}_sum + {p}_in_{lane};");
            Line($"reg  signed {range}{l}_fresh;   // this evaluation's amount (the total when fresh_only)");
            Line($"(* no_rw_check *) reg signed {range}{l}_ring [0:{Buckets - 1}];   // A(k) at slot k mod 32; never read where written at the same edge");
            Line($"reg  signed {range}{l}_base;    // A(oldest valid slot), the RAM's registered read");
            v.Append(CultureInfo.InvariantCulture, $"    always @(posedge clk) begin\n        if (eval_pending) begin\n");
            v.Append(CultureInfo.InvariantCulture, $"            if ({p}_opens) {l}_ring[{p}_now[4:0]] <= {l}_sum;\n");
            v.Append(CultureInfo.InvariantCulture, $"            {l}_base <= {l}_ring[{p}_oldest];\n        end\n    end\n");
        }
        Registers(p,
        [
            .. index,
            .. lanes.SelectMany(lane => new[] { ($"{p}_{lane.Name}_sum", $"{p}_{lane.Name}_sum_next", Literal(0, lane.Amount.Width)), ($"{p}_{lane.Name}_fresh", $"{p}_in_{lane.Name}", Literal(0, lane.Amount.Width)) }),
        ]);
        Line("// stage 1: the registers above hold the evaluated event's state");
        foreach (var (lane, amount) in lanes)
            Line($"wire signed {Range(amount.Width)}{p}_total_{lane} = {p}_fresh_only ? {p}_{lane}_fresh : {p}_{lane}_sum - {p}_{lane}_base;");
        Total(p, [.. lanes.Select(lane => lane.Amount)], value);
    }

    /// <summary>
    /// The ring's index, shared by the sum and sample rings: whether this evaluation opens bucket now
    /// (the slot it writes), the mask of valid slots (bucket in k-31..k and had an evaluation), the
    /// oldest valid slot (a priority encoder over the mask rotated to start at bucket k-31) and its
    /// age (k-31 + age is its bucket), and whether that slot is the one being written (fresh_only:
    /// the RAM's read-during-write result is then not used). Returns its registers.
    /// </summary>
    private (string Reg, string Next, string Reset)[] RingIndex(string p)
    {
        Line($"wire        {p}_opens = !{p}_started || {p}_gap >= 64'd{Buckets} || {p}_gap[4:0] != 5'd0;   // this evaluation opens bucket now");
        Line($"reg  [31:0] {p}_valid;   // slots whose bucket is in the window and had an evaluation");
        Line($"wire [31:0] {p}_valid_next = ({p}_valid & ~{p}_passed) | (32'd1 << {p}_now[4:0]);");
        // Bit i of by_age is the slot of bucket k-31+i: bit 0 the window's oldest bucket, bit 31 the current one.
        Line($"wire [4:0]  {p}_window_start = {p}_now[4:0] + 5'd1;");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the rotation's result is the low half; bit 31 (the current slot) is always set");
        Line($"wire [63:0] {p}_by_age_both = {{{p}_valid_next, {p}_valid_next}} >> {p}_window_start;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [30:0] {p}_by_age = {p}_by_age_both[30:0];");
        var encoder = string.Concat(Enumerable.Range(0, Buckets - 1).Select(i => $"{p}_by_age[{i}] ? 5'd{i} : "));
        Line($"wire [4:0]  {p}_oldest_age = {encoder}5'd{Buckets - 1};   // none older: the current slot");
        Line($"wire [4:0]  {p}_oldest = {p}_window_start + {p}_oldest_age;");
        Line($"wire        {p}_fresh_only_next = {p}_opens && {p}_oldest_age == 5'd{Buckets - 1};   // the only valid slot is being written");
        Line($"reg         {p}_fresh_only;");
        return [($"{p}_valid", $"{p}_valid_next", "32'd0"), ($"{p}_fresh_only", $"{p}_fresh_only_next", "1'b0")];
    }
}
