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
/// </summary>
internal sealed partial class WindowSection
{
    private const string MinSample = "64'sh8000000000000000";

    /// <summary>Writes <c>{p}_peak</c> (and the count, the suffix maxima and their registers) for a drawdown window.</summary>
    private void DrawdownPeak(string p, string countNext)
    {
        Line($"reg  signed [63:0] {p}_last;     // the current bucket's sample so far (the last evaluation's)");
        for (var j = 0; j < Buckets; j++)
            Line($"reg  signed [63:0] {p}_t_{j};   // the highest closed sample from slot {j}'s bucket to the newest closed one");
        Line($"wire [5:0] {p}_count_next = {countNext};");
        // The oldest held closed bucket after this evaluation, and whether it closed before it (then
        // its T covers every closed bucket before this evaluation's: M itself when no bucket is crossed).
        Line($"wire [4:0] {p}_first = {p}_now[4:0] + 5'd1 - {p}_count_next[4:0];");
        Line($"wire {p}_survives = {p}_gap < 64'd{Buckets} && {{1'b0, {p}_count_next}} > {{1'b0, {p}_gap[5:0]}} + 7'd1;");
        MuxTree(p, $"{p}_first", $"{p}_t");
        Line($"wire signed [63:0] {p}_old = {p}_survives ? {p}_t_first : {MinSample};");
        Line($"wire signed [63:0] {p}_crossed = ({p}_old > {p}_last) ? {p}_old : {p}_last;");
        Line($"wire signed [63:0] {p}_closed_now = {p}_ahead ? {p}_crossed : {p}_old;   // M after this evaluation");
        Line($"wire signed [63:0] {p}_peak = ({p}_closed_now > {p}_sample) ? {p}_closed_now : {p}_sample;");
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
        Line($"wire signed [63:0] {p}_fall = {p}_peak - {p}_sample;");
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
