using System.Globalization;
using System.Numerics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// drawdown's suffix maxima T (WindowSection.Drawdown) in block RAM when the record interval
/// allows it (hdl-backend/README.md, "drawdown's peak from suffix maxima"): k banks of 64-bit words
/// (4 SB_RAM40_4K of 256 x 16 each), slot j in bank j mod k at row j / k, n = 32 / k rows a bank.
///
/// The evaluation: every bank reads row first / k at the edge that ends the evaluation; at stage 1
/// bank first mod k's read register is T[first], and old, crossed, peak and fall come from it and
/// from registers (the evaluation's ahead and survives, its sample `last`, the crossed sample `fill_s`),
/// as a RAM sum window's value does (WindowSumRing): one stage later, nothing read at stage 0.
///
/// The crossing's update (every slot: s for b's and the gap's, else max(T, s)) is a read, a max
/// and a write back per row, all k banks in step, starting at the crossing's own row: the crossing's
/// edge E0 reads row r0 = first / k (its evaluation's read), edge E_i writes row r0 + i - 1 back
/// and reads row r0 + i (i = 1..n; the row read at E_n is never used). So rows are read at E0..E_{n-1}
/// and written at E1..E_n, each row once, each write one edge after its read, and no edge reads the
/// row it writes (n &gt;= 8). The next evaluation comes R cycles after the crossing's at the earliest
/// (RECORD_INTERVAL, counted from evaluations; RecordIntervalCheck checks it in simulation) and reads
/// at E_R: it finds every row written and the read ports free iff n &lt; R, i.e. R &gt;= 32 / k + 1:
/// 17 for k = 2, 9 for k = 4 (one bank, 33, is past the largest R). Exact, because one read and one
/// write port per bank cannot do better: n reads at distinct edges, the first at E0 at the soonest
/// (the crossing's s and slots are known only then), and each write one edge after its read. Fewer
/// banks than 4 never fit R &lt;= 16, and 8 banks (32 blocks) would be the whole HX8K's RAM, so below R = 9
/// T stays in flip-flops (folded, or the 32 parallel updates at R = 1).
/// </summary>
internal sealed partial class WindowSection
{
    /// <summary>The fewest banks (1, 2 or 4) whose update fits record interval R, or 0: T stays in flip-flops.</summary>
    public static int DrawdownBanks(int interval)
    {
        foreach (var banks in (int[])[1, 2, 4])
        {
            if (Buckets / banks + 1 <= interval)
                return banks;
        }
        return 0;
    }

    /// <summary>Writes <c>{p}_peak</c> at stage 1 from T in block RAM (and the count, the banks and the update engine).</summary>
    private void DrawdownRamPeak(string p, string countNext)
    {
        var banks = DrawdownBanks(RecordInterval);
        if (banks == 0)
            throw new System.Diagnostics.UnreachableException($"{p}: drawdown in block RAM at RECORD_INTERVAL = {RecordInterval}");
        var rows = Buckets / banks;
        var bankBits = BitOperations.Log2((uint)banks);
        var rowBits = 5 - bankBits;
        var row = $"[{rowBits - 1}:0]";
        Line($"// T in block RAM (DrawdownRamRing): {banks} banks of {rows} rows, slot j in bank j mod {banks} at row j / {banks}; the peak at stage 1.");
        Line($"reg  signed [63:0] {p}_last;     // the current bucket's sample so far (the last evaluation's)");
        HeldFirst(p, countNext);
        Line($"// The crossing's update, a row of {banks} slots an edge: read at E0 (the evaluation's read) .. E{rows - 1}, written back at E1 .. E{rows}; the next evaluation reads at E{RecordInterval} or later.");
        Line($"reg  [{rowBits}:0] {p}_fill_left;   // rows still to write back, 0 when idle");
        Line($"reg  {row} {p}_fill_row;   // the row in the banks' read registers, written back at the next edge");
        Line($"reg  signed [63:0] {p}_fill_s;   // s, the crossed bucket's last sample");
        Line($"reg  [4:0] {p}_fill_bucket;   // b's slot");
        Line($"reg  [5:0] {p}_fill_gap;   // g, 32 for any gap of 32 or more");
        Line($"wire {p}_crossing = eval_pending && {p}_ahead;");
        Line($"wire {p}_filling = {p}_fill_left != {rowBits + 1}'d0;");
        Line($"wire {row} {p}_read_row = eval_pending ? {p}_first[4:{bankBits}] : {p}_fill_row + {rowBits}'d1;");
        for (var i = 0; i < banks; i++)
        {
            var slot = banks == 1 ? $"{p}_fill_row" : $"{{{p}_fill_row, {bankBits}'d{i}}}";
            Line($"(* no_rw_check *) reg signed [63:0] {p}_tram_{i} [0:{rows - 1}];   // T of slots {i} mod {banks}; no edge reads the row it writes");
            Line($"reg  signed [63:0] {p}_tq_{i};   // bank {i}'s registered read");
            Line($"wire [4:0] {p}_after_b_{i} = {slot} - {p}_fill_bucket;   // the slot's distance after b, mod 32");
            // b's slot (distance 0) and the gap's (1..g; all 32 for g >= 32) take s, the others max(T, s).
            Line($"wire signed [63:0] {p}_tw_{i} = ({{1'b0, {p}_after_b_{i}}} <= {p}_fill_gap || {p}_fill_s >= {p}_tq_{i}) ? {p}_fill_s : {p}_tq_{i};");
            v.Append("    always @(posedge clk) begin\n");
            v.Append(CultureInfo.InvariantCulture, $"        if ({p}_filling) {p}_tram_{i}[{p}_fill_row] <= {p}_tw_{i};\n");
            v.Append(CultureInfo.InvariantCulture, $"        if (eval_pending || {p}_filling) {p}_tq_{i} <= {p}_tram_{i}[{p}_read_row];\n");
            v.Append("    end\n");
        }
        v.Append("    always @(posedge clk) begin\n        if (rst) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fill_left <= {rowBits + 1}'d0;\n            {p}_fill_row <= {rowBits}'d0;\n            {p}_fill_s <= 64'sd0;\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fill_bucket <= 5'd0;\n            {p}_fill_gap <= 6'd0;\n");
        v.Append(CultureInfo.InvariantCulture, $"        end else if ({p}_crossing) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fill_left <= {rowBits + 1}'d{rows};\n            {p}_fill_row <= {p}_first[4:{bankBits}];\n            {p}_fill_s <= {p}_last;\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fill_bucket <= {p}_bucket[4:0];\n            {p}_fill_gap <= ({p}_gap >= 64'd{Buckets}) ? 6'd{Buckets} : {p}_gap[5:0];\n");
        v.Append(CultureInfo.InvariantCulture, $"        end else if ({p}_filling) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_fill_left <= {p}_fill_left - {rowBits + 1}'d1;\n            {p}_fill_row <= {p}_fill_row + {rowBits}'d1;\n");
        v.Append("        end\n    end\n");
        // What stage 1 reads of the evaluation, registered with the RAM's read (stage 0's wires move on).
        Line($"reg  {p}_was_ahead;       // the evaluation crossed a bucket");
        Line($"reg  {p}_was_surviving;   // its oldest held bucket closed before it");
        var select = $"{p}_tq_0";
        if (banks > 1)
        {
            Line($"reg  [{bankBits - 1}:0] {p}_first_bank;   // the bank holding T[first]");
            select = string.Concat(Enumerable.Range(1, banks - 1).Select(i => $"({p}_first_bank == {bankBits}'d{i}) ? {p}_tq_{i} : ")) + $"{p}_tq_0";
        }
        v.Append("    always @(posedge clk) begin\n        if (eval_pending) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_was_ahead <= {p}_ahead;\n            {p}_was_surviving <= {p}_survives;\n");
        if (banks > 1)
            v.Append(CultureInfo.InvariantCulture, $"            {p}_first_bank <= {p}_first[{bankBits - 1}:0];\n");
        v.Append("        end\n    end\n");
        Registers(p, [($"{p}_count", $"{p}_count_next", "6'd0"), ($"{p}_last", $"{p}_sample", "64'sd0")]);
        Line("// stage 1: the read registers hold T[first]'s row, last the evaluated sample, fill_s the crossed one");
        if (FoldBudget > 0)
        {
            // Folded (EvaluationFold), the decision reads stage 1 up to R - 1 cycles after the evaluation, but the
            // crossing's update reads rows into the banks' registers from the next edge on: T[first] is kept
            // here at the edge after stage 1, and read from then on (nothing reads the peak in the stage-1 cycle itself).
            Line($"reg  {p}_at_read;   // stage 1: the banks' read registers hold the evaluation's row");
            Line($"reg  signed [63:0] {p}_t_held;   // T[first], held until the next evaluation's stage 1");
            Line($"always @(posedge clk) begin {p}_at_read <= !rst && eval_pending; if ({p}_at_read) {p}_t_held <= {select}; end");
            Line($"wire signed [63:0] {p}_t_first = {p}_t_held;");
        }
        else
        {
            Line($"wire signed [63:0] {p}_t_first = {select};");
        }
        Line($"wire signed [63:0] {p}_old = {p}_was_surviving ? {p}_t_first : {MinSample};");
        Line($"wire signed [63:0] {p}_crossed = ({p}_old > {p}_fill_s) ? {p}_old : {p}_fill_s;");
        Line($"wire signed [63:0] {p}_closed_now = {p}_was_ahead ? {p}_crossed : {p}_old;   // M after this evaluation");
        Line($"wire signed [63:0] {p}_peak = ({p}_closed_now > {p}_last) ? {p}_closed_now : {p}_last;");
    }
}
