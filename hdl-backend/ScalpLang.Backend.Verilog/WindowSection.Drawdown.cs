using System.Globalization;
using System.Numerics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// drawdown's peak without a 32-long chain of compare-and-select (hdl-backend/README.md, "drawdown's
/// peak from suffix maxima"). Samples of closed buckets never change, so within a bucket the peak
/// is max(M, equity), M the highest held closed sample (-2^63 while none is held, as
/// DrawdownWindow's long.MinValue). M changes only when an evaluation crosses from bucket b to
/// now = b + g. Each slot keeps T = the highest sample of the closed buckets from its bucket to the
/// newest closed one (a suffix maximum), so M is T of the oldest held closed bucket's slot (one
/// 32:1 select, no register); at a crossing, with s = b's last sample (the previous evaluation's
/// sample, a register):
///
/// - the closed held buckets become the old ones still held, then b and the gap's g - 1 buckets,
///   which all hold s; so M = max(s, T[oldest held]) when an old closed bucket is still held
///   (count_next - 1 &gt; g), else s;
/// - T of b's slot and of the gap's slots becomes s; every other slot's T becomes max(T, s)
///   (slots of buckets that left are never read again before they are set). 32 comparisons with the
///   same s, in parallel, instead of 32 chained; the peak's path is the 32:1 select and two comparisons.
///
/// At R &gt; 1 the update is folded over the idle cycles (FoldedSuffixMaxima); at R &gt;= 9 T is in
/// block RAM instead (DrawdownRamRing: the peak one stage later).
/// </summary>
internal sealed partial class WindowSection
{
    private const string MinSample = "64'sh8000000000000000";

    /// <summary>Writes <c>{p}_peak</c> (and the count, the suffix maxima and their registers) for a drawdown window.</summary>
    private void DrawdownPeak(string p, string countNext)
    {
        if (inBlockRam)
        {
            DrawdownRamPeak(p, countNext);
            return;
        }
        Line($"reg  signed [63:0] {p}_last;     // the current bucket's sample so far (the last evaluation's)");
        for (var j = 0; j < Buckets; j++)
            Line($"reg  signed [63:0] {p}_t_{j};   // the highest closed sample from slot {j}'s bucket to the newest closed one");
        HeldFirst(p, countNext);
        MuxTree(p, $"{p}_first", $"{p}_t");
        Line($"wire signed [63:0] {p}_old = {p}_survives ? {p}_t_first : {MinSample};");
        Line($"wire signed [63:0] {p}_crossed = ({p}_old > {p}_last) ? {p}_old : {p}_last;");
        Line($"wire signed [63:0] {p}_closed_now = {p}_ahead ? {p}_crossed : {p}_old;   // M after this evaluation");
        Line($"wire signed [63:0] {p}_peak = ({p}_closed_now > {p}_sample) ? {p}_closed_now : {p}_sample;");
        if (RecordInterval > 1)
        {
            FoldedSuffixMaxima(p);
            Registers(p, [($"{p}_count", $"{p}_count_next", "6'd0"), ($"{p}_last", $"{p}_sample", "64'sd0")]);
            return;
        }
        // At a crossing: b's slot and the gap's take s, the others max(T, s).
        for (var j = 0; j < Buckets; j++)
            Line($"wire signed [63:0] {p}_t_next_{j} = ({p}_ahead && ({p}_bucket[4:0] == 5'd{j} || {Passed(p, j)} || {p}_last >= {p}_t_{j})) ? {p}_last : {p}_t_{j};");
        Registers(p,
        [
            ($"{p}_count", $"{p}_count_next", "6'd0"),
            ($"{p}_last", $"{p}_sample", "64'sd0"),
            .. Enumerable.Range(0, Buckets).Select(j => ($"{p}_t_{j}", $"{p}_t_next_{j}", "64'sd0")),
        ]);
    }

    /// <summary>The count after this evaluation, its oldest held slot <c>{p}_first</c> and <c>{p}_survives</c>.</summary>
    private void HeldFirst(string p, string countNext)
    {
        Line($"wire [5:0] {p}_count_next = {countNext};");
        // The oldest held closed bucket after this evaluation, and whether it closed before it (then
        // its T covers every closed bucket before this evaluation's: M itself when no bucket is crossed).
        Line($"wire [4:0] {p}_first = {p}_now[4:0] + 5'd1 - {p}_count_next[4:0];");
        Line($"wire {p}_survives = {p}_gap < 64'd{Buckets} && {{1'b0, {p}_count_next}} > {{1'b0, {p}_gap[5:0]}} + 7'd1;");
    }

    /// <summary>
    /// Steps the crossing's update of the suffix maxima takes at record interval R: the most (a power
    /// of two, so that the ring comes home) that fit in the R edges from the crossing's own to the
    /// next evaluation's read.
    /// </summary>
    public static int FoldSteps(int interval) => Math.Min(Buckets, 1 << BitOperations.Log2((uint)interval));

    /// <summary>
    /// The crossing's update over the idle cycles (RECORD_INTERVAL = R &gt; 1): the 32 T registers are a
    /// ring that turns k = 32 / steps slots a step, and only the k slots leaving its head are
    /// compared with s (k comparators instead of 32; the moves are plain register copies). The
    /// crossing's own edge is step 1 (with the live s and mask), then steps - 1 more; after 32 / k
    /// slots a step for `steps` steps every slot is back home, each updated once, exactly as the 32
    /// parallel updates leave it. The next evaluation reads T no sooner than R &gt;= steps edges after
    /// the crossing's, so it finds the ring home (RecordIntervalCheck checks the records' spacing;
    /// an EndOfEvent Fill record's interval counts from its deferred evaluation).
    /// </summary>
    private void FoldedSuffixMaxima(string p)
    {
        var steps = FoldSteps(RecordInterval);
        var k = Buckets / steps;
        Line($"// The crossing's update, folded over {steps} steps of {k} slots (RECORD_INTERVAL = {RecordInterval}): T turns as a ring, its head's slots updated.");
        Line($"reg [4:0] {p}_fold_step;   // steps left after this one, 0 when the ring is home");
        Line($"reg signed [63:0] {p}_fold_s;   // s, the crossed bucket's sample");
        Line($"reg [31:0] {p}_fold_set;   // the slots that take s outright (b's and the gap's), turning with the ring");
        Line($"wire {p}_folding = {p}_fold_step != 5'd0;");
        Line($"wire {p}_crossing = eval_pending && {p}_ahead;   // step 1, at the crossing's own edge");
        Line($"wire signed [63:0] {p}_head_s = {p}_folding ? {p}_fold_s : {p}_last;");
        Line($"wire [31:0] {p}_head_set = {p}_folding ? {p}_fold_set : ({p}_passed | (32'd1 << {p}_bucket[4:0]));");
        for (var i = 0; i < k; i++)
            Line($"wire signed [63:0] {p}_head_{i} = ({p}_head_set[{i}] || {p}_head_s >= {p}_t_{i}) ? {p}_head_s : {p}_t_{i};");
        v.Append("    always @(posedge clk) begin\n        if (rst) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fold_step <= 5'd0;\n            {p}_fold_s <= 64'sd0;\n            {p}_fold_set <= 32'd0;\n");
        for (var j = 0; j < Buckets; j++)
            v.Append(CultureInfo.InvariantCulture, $"            {p}_t_{j} <= 64'sd0;\n");
        v.Append(CultureInfo.InvariantCulture, $"        end else if ({p}_crossing || {p}_folding) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fold_step <= {p}_folding ? {p}_fold_step - 5'd1 : 5'd{steps - 1};\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fold_s <= {p}_head_s;\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fold_set <= {{{p}_head_set[{k - 1}:0], {p}_head_set[31:{k}]}};\n");
        for (var j = 0; j < Buckets; j++)
            v.Append(CultureInfo.InvariantCulture, $"            {p}_t_{j} <= {(j < Buckets - k ? $"{p}_t_{j + k}" : $"{p}_head_{j - (Buckets - k)}")};\n");
        v.Append("        end\n    end\n");
    }

    /// <summary><c>{name}_first</c> = <c>{name}_{select}</c> of the 32 registers, a tree of 2:1 selects on the index's bits.</summary>
    private void MuxTree(string p, string select, string name)
    {
        var level = Enumerable.Range(0, Buckets).Select(j => $"{name}_{j}").ToList();
        for (var bit = 0; level.Count > 1; bit++)
        {
            var next = new List<string>();
            for (var i = 0; i < level.Count; i += 2)
            {
                var wire = level.Count == 2 ? $"{name}_first" : $"{p}_pick{bit}_{i / 2}";
                Line($"wire signed [63:0] {wire} = {select}[{bit}] ? {level[i + 1]} : {level[i]};");
                next.Add(wire);
            }
            level = next;
        }
    }

    /// <summary>
    /// (peak - equity) / peak over the held equity samples; 0 when peak &lt;= 0 (DrawdownWindow).
    /// Writes <c>{p}_fall</c> (peak - equity, wrapping), which a comparison with a build-time value
    /// reads with <c>{p}_peak</c> instead of the value (DrawdownComparison); the divider is then
    /// built for the testbench's dump only (<see cref="RatioForDumpOnly"/>).
    /// </summary>
    private void Drawdown(string p, string value)
    {
        // In block RAM the peak is at stage 1, where `last` holds the evaluated sample.
        Line($"wire signed [63:0] {p}_fall = {p}_peak - {p}_{(inBlockRam ? "last" : "sample")};");
        if (!RatioForDumpOnly)
        {
            Divide(p, $"{p}_fall", $"{p}_peak", $"{p}_ratio");
            Value(value, $"({p}_peak <= 64'sd0) ? 64'sd0 : {p}_ratio");
            return;
        }
        // yosys defines SYNTHESIS, simulators do not.
        v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads the ratio");
        Divide(p, $"{p}_fall", $"{p}_peak", $"{p}_ratio");
        Value(value, $"({p}_peak <= 64'sd0) ? 64'sd0 : {p}_ratio");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        v.Append("`endif\n");
    }
}
