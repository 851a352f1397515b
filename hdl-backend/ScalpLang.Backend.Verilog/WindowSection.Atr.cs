using System.Globalization;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// atr(window: W, bar: B) (grammar/README.md §7, AtrWindow): N = W / B bars of last_price. Only trades
/// move a bar, every event moves time, and a bar completes when an event of a later bar arrives; the
/// value is the exact sum of the true ranges of the bars held (at most N, bars without trades count
/// 0) over their count, truncated toward zero; 0 before the first bar completes.
///
/// Narrow by range: high, low, close and the previous close are last_price values, 0..2^47 - 1, so a
/// true range max(high, prev) - min(low, prev) is 0..2^47 - 1 (never negative: the IL's wrapping
/// subtraction never wraps here) and the sum of at most N &lt;= 256 is below N 2^47 &lt;= 2^(47 + ceil(log2 N)):
/// 55 bits for a param window or bar (N up to 256), 51 for the imbalance scalper's constant N = 10.
///
/// No N-term adder: P is the sum of every true range pushed so far, mod 2^S (S those bits: the true
/// window sum is below 2^S, so a difference of two P values mod 2^S is exact). The ring of P values is in
/// block RAM (AtrBlockRam: one write, one registered read per event; the sum is P - A(oldest valid
/// slot)), or in registers when another window's state reads the atr in the evaluation cycle
/// (AtrRegisters: every slot a gap passes gets the new P; the sum is P - the newest slot's old P).
///
/// The mean without a general divider: sum and count only change when bars complete, so the value
/// is a function of the (sum, count) after the event (from the next state at stage 0 when a window
/// reads the atr). With the window's value at stage 1 (like a
/// block RAM window) it is computed from those registers in the cycle after the evaluation: floor(S
/// / c) with c = 1..N and S &lt;= c (2^47 - 1), so the quotient is below 2^47 and S >> 47 &lt; c.
/// A restoring long division then starts with the remainder S >> 47 (already below c) and needs 47
/// rows of a compare-and-subtract of bits(N) + 1 bits (the remainder stays below c &lt;= N &lt; 2^bits(N),
/// shifted below 2^(bits(N) + 1)): 5 bits for a constant N = 10, 10 for a param (N up to 256).
/// Exact by construction (each row keeps rest = the dividend's prefix mod c and sets the quotient
/// bit to the prefix's quotient bit), and narrow: no 73-bit operand as the generic `/` had. The 47
/// rows stay: one bar whose true range is 2^47 - 1 has that mean, 47 quotient bits.
/// </summary>
internal sealed partial class WindowSection
{
    /// <summary>Bits of a last_price value, hence of a bar's prices and its true range.</summary>
    private const int AtrPriceBits = BookSection.LastPriceBits;

    /// <summary>
    /// Bits of a sum of at most <paramref name="bars"/> true ranges: bars (2^47 - 1) &lt; 2^(47 + ceil(log2 bars)),
    /// at least one bit above a true range's (so a sum of one bar still reads as a sum).
    /// </summary>
    private static int AtrSumBits(int bars) => AtrPriceBits + Math.Max(1, BitLength(bars - 1));

    /// <summary>Bits of a count 0..<paramref name="bars"/>, which is also the widest divisor a division row compares.</summary>
    private static int AtrCountBits(int bars) => BitLength(bars);

    private static int BitLength(int x) => x <= 0 ? 0 : 32 - int.LeadingZeroCount(x);

    /// <param name="valueAfter">the value is read one stage later, from the registered sum and count (stage 1).</param>
    private void Atr(IrWindow w, string value, bool valueAfter)
    {
        var p = $"w{w.Id}";
        var bars = w.Bar ?? throw new System.Diagnostics.UnreachableException("atr without a bar");
        // A constant window and bar size the ring exactly; a param one at the most bars a window may have.
        var ring = program[w.Window] is IrConst cw && program[bars] is IrConst cb && cb.Raw > 0 ? (int)Math.Clamp(cw.Raw / cb.Raw, 1, MaxAtrBars) : MaxAtrBars;
        // The count c <= N (N = ring, or at most 256 for a param) and the sum of c true ranges are sized from it.
        const int pb = AtrPriceBits;
        int sb = AtrSumBits(ring), nb = AtrCountBits(ring);
        Line($"localparam [63:0] {p}_bars = {Constant(w.Window)} / {Constant(bars)};   // N, 1..{MaxAtrBars} (checked at load)");
        Clock(p, bars, "64'd1", "bar width B");
        Line($"reg               {p}_bars_started;");
        Line($"reg [{pb - 1}:0]       {p}_high;       // last_price values: 0..2^{pb} - 1");
        Line($"reg [{pb - 1}:0]       {p}_low;");
        Line($"reg [{pb - 1}:0]       {p}_close;");
        Line($"reg [{pb - 1}:0]       {p}_previous;");
        Line($"reg [{nb - 1}:0]         {p}_count;   // bars held, 0..N, N <= {ring} < 2^{nb}");
        Line($"reg [8:0]         {p}_next;    // the slot the next bar goes to");
        Line($"reg [{sb - 1}:0]       {p}_pushed;  // P: every true range pushed, mod 2^{sb}");
        Line($"wire [{pb - 1}:0] {p}_price = last_price;");
        Line($"wire {p}_complete = {p}_ahead && {p}_bars_started;");
        Line($"wire {p}_clear = {p}_gap > {p}_bars;   // the gap's empty bars fill the ring");
        Line($"wire [{pb - 1}:0] {p}_top = ({p}_high > {p}_previous) ? {p}_high : {p}_previous;");
        Line($"wire [{pb - 1}:0] {p}_bottom = ({p}_low < {p}_previous) ? {p}_low : {p}_previous;");
        Line($"wire [{pb - 1}:0] {p}_true_range = {p}_top - {p}_bottom;   // top >= previous >= bottom: never negative");
        Line($"wire [{sb - 1}:0] {p}_pushed_next = {p}_complete ? {p}_pushed + {{{sb - pb}'d0, {p}_true_range}} : {p}_pushed;");
        for (var j = 0; j < ring; j++)
        {
            // Slot j's distance after the next slot, mod N (both below N): a gap of g bars takes distances 0..g-1.
            Line($"wire [8:0] {p}_d_{j} = (9'd{j} >= {p}_next) ? 9'd{j} - {p}_next : 9'd{j} + {p}_bars[8:0] - {p}_next;");
        }
        Line($"wire [63:0] {p}_moved = {{55'd0, {p}_next}} + {p}_gap;");
        Line($"wire [8:0] {p}_next_next = (!{p}_complete || {p}_clear) ? {p}_next : ({p}_moved >= {p}_bars) ? {p}_moved[8:0] - {p}_bars[8:0] : {p}_moved[8:0];");
        Line($"wire [63:0] {p}_grown = {{{64 - nb}'d0, {p}_count}} + {p}_gap;");
        Line($"wire [{nb - 1}:0] {p}_count_next = !{p}_complete ? {p}_count : ({p}_clear || {p}_grown >= {p}_bars) ? {p}_bars[{nb - 1}:0] : {p}_grown[{nb - 1}:0];   // below N");
        // After a completion the bar opens flat at the close; then this event's trade moves it.
        Line($"wire [{pb - 1}:0] {p}_open_high = {p}_complete ? {p}_close : {p}_high;");
        Line($"wire [{pb - 1}:0] {p}_open_low = {p}_complete ? {p}_close : {p}_low;");
        Line($"wire [{pb - 1}:0] {p}_previous_next = {p}_complete ? {p}_close : {p}_previous;");
        // Only a market trade moves a bar (the evaluation after our own fill is not one).
        Line($"wire {p}_traded = ev_trades && !eval_refill;");
        Line($"wire {p}_first_trade = {p}_traded && !{p}_bars_started;");
        Line($"wire [{pb - 1}:0] {p}_high_next = {p}_first_trade ? {p}_price : ({p}_traded && {p}_price > {p}_open_high) ? {p}_price : {p}_open_high;");
        Line($"wire [{pb - 1}:0] {p}_low_next = {p}_first_trade ? {p}_price : ({p}_traded && {p}_price < {p}_open_low) ? {p}_price : {p}_open_low;");
        Line($"wire [{pb - 1}:0] {p}_close_next = {p}_traded ? {p}_price : {p}_close;");
        var zero = $"{pb}'d0";
        Registers(p,
        [
            ($"{p}_bars_started", $"{p}_bars_started || {p}_traded", "1'b0"),
            ($"{p}_high", $"{p}_high_next", zero),
            ($"{p}_low", $"{p}_low_next", zero),
            ($"{p}_close", $"{p}_close_next", zero),
            ($"{p}_previous", $"{p}_first_trade ? {p}_price : {p}_previous_next", zero),
            ($"{p}_count", $"{p}_count_next", $"{nb}'d0"),
            ($"{p}_next", $"{p}_next_next", "9'd0"),
            ($"{p}_pushed", $"{p}_pushed_next", $"{sb}'d0"),
            .. (valueAfter ? AtrBlockRam(p, ring, sb) : AtrRegisters(p, ring, sb)),
        ]);
        if (valueAfter && FoldBudget > 0)
        {
            AtrFoldedMean(p, sb, nb);
        }
        else
        {
            AtrMean(p, sb, nb);
            Line($"wire [{pb - 1}:0] {p}_mean = {p}_mean_of({p}_sum, {(valueAfter ? $"{p}_count" : $"{p}_count_next")});");
        }
        Value(value, $"$signed({{{64 - pb}'d0, {p}_mean}})");
    }

    /// <summary>The newest completed bar's slot, (next + gap - 1) mod N, meaningful when 1 &lt;= gap &lt;= N.</summary>
    private void AtrNewestSlot(string p)
    {
        Line($"wire [9:0] {p}_advanced = {{1'b0, {p}_next}} + {p}_gap[9:0];");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // a slot index is below N <= 256");
        Line($"wire [9:0] {p}_newest_wide = ({p}_advanced > {p}_bars[9:0]) ? {p}_advanced - 10'd1 - {p}_bars[9:0] : {p}_advanced - 10'd1;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        Line($"wire [7:0] {p}_newest = {p}_newest_wide[7:0];");
    }

    /// <summary>
    /// The ring in registers (when another window's state reads the atr in the evaluation cycle):
    /// every slot passed gets the new P, the sum is P - the newest slot's old P, ready in stage 0.
    /// </summary>
    private (string Reg, string Next, string Reset)[] AtrRegisters(string p, int ring, int sb)
    {
        var inRing = ring == MaxAtrBars;
        Line($"reg [{sb - 1}:0]       {p}_sum_kept;   // the held bars' true ranges (exact: below 2^{sb})");
        for (var j = 0; j < ring; j++)
            Line($"reg [{sb - 1}:0]       {p}_at_{j};   // P through the bar slot {j} last stood for");
        AtrNewestSlot(p);
        var read = string.Concat(Enumerable.Range(0, ring - 1).Select(j => $"({p}_newest == 8'd{j}) ? {p}_at_{j} : ")) + $"{p}_at_{ring - 1}";
        Line($"wire [{sb - 1}:0] {p}_oldest_p = {read};   // P through bar (newest - N)");
        Line($"wire [{sb - 1}:0] {p}_sum_next = !{p}_complete ? {p}_sum_kept : {p}_clear ? {sb}'d0 : {p}_pushed_next - {p}_oldest_p;");
        for (var j = 0; j < ring; j++)
        {
            Line($"wire [{sb - 1}:0] {p}_at_next_{j} = ({(inRing ? $"{p}_bars <= 64'd{j} || " : "")}!{p}_complete) ? {p}_at_{j} : ({p}_clear || {{55'd0, {p}_d_{j}}} < {p}_gap) ? {p}_pushed_next : {p}_at_{j};");
        }
        Line($"wire [{sb - 1}:0] {p}_sum = {p}_sum_next;   // the value reads this event's sum (stage 0)");
        return [($"{p}_sum_kept", $"{p}_sum_next", $"{sb}'d0"), .. Enumerable.Range(0, ring).Select(j => ($"{p}_at_{j}", $"{p}_at_next_{j}", $"{sb}'d0"))];
    }

    /// <summary>
    /// The ring in block RAM (one write and one read per event): slot `next` gets A(b) = P before the
    /// completed bar b's true range, and a mask marks the slots whose bar is in the window and had a
    /// completion (the gap's empty bars are cleared, a clear empties it). The window sum is P - A(the
    /// oldest valid slot): the bars in the window older than it are empty ones (true range 0), and
    /// every true range pushed after A(b) is of a bar from b on. No valid slot: 0. The oldest valid slot
    /// is the first valid one from the window's oldest slot (next after the event) on, wrapping: a
    /// priority encoder over the slots at or after it, else over those before it (any N, no rotation).
    /// The read is registered (stage 1); when the oldest valid slot is the one written at the same edge
    /// (then the only valid one), the sum is that bar's true range, kept in a register (`fresh`), so the
    /// RAM's read-during-write result is never used.
    /// </summary>
    private (string Reg, string Next, string Reset)[] AtrBlockRam(string p, int ring, int sb)
    {
        const int pb = AtrPriceBits;
        var inRing = ring == MaxAtrBars;
        Line($"// The ring in block RAM (WindowSection.Atr): the sum is P - A(oldest valid slot), read one cycle later.");
        Line($"reg  [{ring - 1}:0] {p}_valid;   // slots whose bar is in the window and completed with a true range");
        for (var j = 0; j < ring; j++)
        {
            var keep = inRing ? $"{p}_bars <= 64'd{j} || " : "";
            Line($"wire {p}_valid_next_{j} = ({keep}!{p}_complete) ? {p}_valid[{j}] : {p}_clear ? 1'b0 : ({p}_d_{j} == 9'd0) ? 1'b1 : ({{55'd0, {p}_d_{j}}} < {p}_gap) ? 1'b0 : {p}_valid[{j}];");
        }
        Line($"wire [{ring - 1}:0] {p}_valid_next = {{{string.Join(", ", Enumerable.Range(0, ring).Reverse().Select(j => $"{p}_valid_next_{j}"))}}};");
        // The window's oldest bar is in the slot the next bar goes to; search from there, wrapping.
        var ib = SlotBits(ring);
        Line($"wire [{ring - 1}:0] {p}_from_start = {p}_valid_next & ~(({ring}'d1 << {p}_next_next[{ib - 1}:0]) - {ring}'d1);");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // the last slot is the encoder's default");
        Line($"wire [{ring - 1}:0] {p}_search = ({p}_from_start != {ring}'d0) ? {p}_from_start : {p}_valid_next;");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        var encoder = string.Concat(Enumerable.Range(0, ring - 1).Select(j => $"{p}_search[{j}] ? {ib}'d{j} : "));
        Line($"wire [{ib - 1}:0] {p}_oldest = {encoder}{ib}'d{ring - 1};");
        Line($"wire {p}_empty_next = {p}_valid_next == {ring}'d0;");
        Line($"wire {p}_fresh_only_next = {p}_complete && {p}_oldest == {p}_next[{ib - 1}:0];   // the slot written at this edge");
        Line($"reg  {p}_empty;");
        Line($"reg  {p}_fresh_only;");
        Line($"reg  [{pb - 1}:0] {p}_fresh;   // the completed bar's true range (the sum when fresh_only)");
        Line($"(* no_rw_check *) reg [{sb - 1}:0] {p}_ring [0:{ring - 1}];   // A(b) at b's slot; never read where written at the same edge");
        Line($"reg  [{sb - 1}:0] {p}_base;    // A(oldest valid slot), the RAM's registered read");
        v.Append(CultureInfo.InvariantCulture, $"    always @(posedge clk) begin\n        if (eval_pending) begin\n");
        v.Append(CultureInfo.InvariantCulture, $"            if ({p}_complete) {p}_ring[{p}_next[{ib - 1}:0]] <= {p}_pushed;\n");
        v.Append(CultureInfo.InvariantCulture, $"            {p}_base <= {p}_ring[{p}_oldest];\n        end\n    end\n");
        Line("// stage 1: the registers hold the evaluated event's state");
        Line($"wire [{sb - 1}:0] {p}_sum = {p}_empty ? {sb}'d0 : {p}_fresh_only ? {{{sb - pb}'d0, {p}_fresh}} : {p}_pushed - {p}_base;");
        return
        [
            ($"{p}_valid", $"{p}_valid_next", $"{ring}'d0"),
            ($"{p}_empty", $"{p}_empty_next", "1'b1"),
            ($"{p}_fresh_only", $"{p}_fresh_only_next", "1'b0"),
            ($"{p}_fresh", $"{p}_true_range", $"{pb}'d0"),
        ];
    }

    /// <summary>Bits of a slot index 0..ring - 1.</summary>
    private static int SlotBits(int ring) => Math.Max(1, (int)Math.Ceiling(Math.Log2(ring)));

    /// <summary>
    /// floor(s / c) as <see cref="AtrMean"/>'s rows, but over the fold (EvaluationFold): the sum and
    /// count are held from stage 1 until the next evaluation, so the cycle after stage 1's loads the
    /// dividend and each later one runs r rows; after the steps the quotient register holds the mean
    /// until the next load. T = steps * r &gt;= 47 rows: starting the remainder at s &gt;&gt; T (below c, as
    /// s &gt;&gt; 47 is) gives T quotient bits whose top T - 47 are 0, the same quotient.
    /// </summary>
    private void AtrFoldedMean(string p, int sb, int nb)
    {
        const int pb = AtrPriceBits;
        var (r, steps) = EvaluationFold.Plan(new EvaluationFold.Unit(EvaluationFold.AtrMeanRows, 0), FoldBudget);
        var t = steps * r;
        var lb = BitLength(steps);
        // The remainder starts at s >> T, below c < 2^nb: the sum's bits from T up, at most nb of them
        // (none when T reaches the sum's width: the dividend is the sum widened to T bits).
        var dividend = t > sb ? VerilogText.Unsigned($"{p}_sum", sb, t) : $"{p}_sum[{t - 1}:0]";
        var start = t >= sb ? $"{nb}'d0"
            : sb - t >= nb ? $"{p}_sum[{t + nb - 1}:{t}]"
            : VerilogText.Unsigned($"{p}_sum[{sb - 1}:{t}]", sb - t, nb);
        var shifted = t == r ? $"{p}_step[{r - 1}:0]" : $"{{{p}_quo[{t - r - 1}:0], {p}_step[{r - 1}:0]}}";
        v.Append(CultureInfo.InvariantCulture, $$"""
                // floor(s / c) over the fold (EvaluationFold): {{r}} rows a cycle for {{steps}} cycles after the load. The
                // remainder stays below c <= N < 2^{{nb}}; {{t}} rows from s >> {{t}} give the {{pb}}-bit quotient (its top {{t - pb}} bits 0).
                function [{{nb + r - 1}}:0] {{p}}_mean_step;   // {remainder, {{r}} quotient bits}
                    input [{{nb - 1}}:0] rest_in;
                    input [{{r - 1}}:0] bits;
                    input [{{nb - 1}}:0] c;
                    reg [{{nb}}:0] rest;
                    integer i;
                    begin
                        rest = {1'b0, rest_in};
                        {{p}}_mean_step = {{nb + r}}'d0;
                        for (i = {{r - 1}}; i >= 0; i = i - 1) begin
                            rest = {rest[{{nb - 1}}:0], bits[i]};   // rest < c < 2^{{nb}} before the shift: its top bit is 0
                            if (c != {{nb}}'d0 && rest >= {1'b0, c}) begin
                                rest = rest - {1'b0, c};
                                {{p}}_mean_step[i] = 1'b1;
                            end
                        end
                        {{p}}_mean_step[{{nb + r - 1}}:{{r}}] = rest[{{nb - 1}}:0];
                    end
                endfunction
                reg               {{p}}_div_load;   // the stage-1 cycle: the held sum and count are the evaluated event's
                reg [{{lb - 1}}:0]         {{p}}_div_left;   // steps still to run
                reg [{{nb - 1}}:0]         {{p}}_rest;
                /* verilator lint_off UNUSEDSIGNAL */ // the quotient's top {{t - pb}} bits are 0
                reg [{{t - 1}}:0]        {{p}}_quo;        // dividend bits not yet divided (top), quotient bits (bottom)
                /* verilator lint_on UNUSEDSIGNAL */
                wire [{{nb + r - 1}}:0] {{p}}_step = {{p}}_mean_step({{p}}_rest, {{p}}_quo[{{t - 1}}:{{t - r}}], {{p}}_count);
                always @(posedge clk) begin
                    {{p}}_div_load <= !rst && eval_pending;
                    if (rst) begin
                        {{p}}_div_left <= {{lb}}'d0;
                    end else if ({{p}}_div_load) begin
                        {{p}}_div_left <= {{lb}}'d{{steps}};
                        {{p}}_rest <= {{start}};
                        {{p}}_quo <= {{dividend}};
                    end else if ({{p}}_div_left != {{lb}}'d0) begin
                        {{p}}_div_left <= {{p}}_div_left - {{lb}}'d1;
                        {{p}}_rest <= {{p}}_step[{{nb + r - 1}}:{{r}}];
                        {{p}}_quo <= {{shifted}};
                    end
                end
                wire [{{pb - 1}}:0] {{p}}_mean = {{p}}_quo[{{pb - 1}}:0];   // after the steps, until the next load

            """);
    }

    /// <summary>
    /// floor(s / c) by restoring long division, for c = 0..N (0 gives 0; c has <paramref name="nb"/> = bits(N) bits)
    /// and s &lt; c 2^47 (<paramref name="sb"/> bits): 47 rows of nb + 1 bits.
    /// </summary>
    private void AtrMean(string p, int sb, int nb)
    {
        const int pb = AtrPriceBits;
        var rb = nb + 1;
        v.Append(CultureInfo.InvariantCulture, $$"""
                // floor(s / c), exact for s < c * 2^{{pb}} (a sum of c true ranges): the quotient has {{pb}} bits and
                // s >> {{pb}} < c, so the remainder starts below c and stays below c <= N < 2^{{nb}} ({{rb}} bits once shifted).
                function [{{pb - 1}}:0] {{p}}_mean_of;
                    input [{{sb - 1}}:0] s;
                    input [{{nb - 1}}:0] c;
                    reg [{{rb - 1}}:0] rest;
                    integer i;
                    begin
                        rest = {{VerilogText.Unsigned($"s[{sb - 1}:{pb}]", sb - pb, rb)}};   // s >> {{pb}} < c
                        {{p}}_mean_of = {{pb}}'d0;
                        for (i = {{pb - 1}}; i >= 0; i = i - 1) begin
                            rest = {rest[{{nb - 1}}:0], s[i]};   // rest < c < 2^{{nb}} before the shift: its top bit is 0
                            if (c != {{nb}}'d0 && rest >= {1'b0, c}) begin
                                rest = rest - {1'b0, c};
                                {{p}}_mean_of[i] = 1'b1;
                            end
                        end
                    end
                endfunction

            """);
    }
}
