using System.Globalization;
using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The portfolio in hardware, fed by the host's fills (Fill records on the tape, hdl-backend/README.md
/// "Fills"): position, average entry, realized P&amp;L, the time the position opened and the losing
/// round trips in a row, updated exactly as the runtime's Portfolio.OnFill does, and the view the
/// strategy reads at evaluation (BacktestEngine.UpdatePortfolioView): position and losses as Q47.16,
/// time in position from the event's time, equity = capital + realized + open P&amp;L marked at mid (at
/// the entry when a side of the book is empty). A Fill record is loaded at stage 2, beside the book,
/// and applied over FILL_IDLE cycles by <see cref="PortfolioFillEngine"/>.
/// <para>
/// Widths come from the position contract (<see cref="PositionBound"/>): after every Fill record
/// |position| &lt;= B = 2^15 - 1 lots and the fill's price is a tape price (0..2^31 - 1 ticks). Then
/// every value below has an exact value that fits its narrow width, and none of the IL's 64-bit
/// products or sums of them wraps, so the narrow result is the IL's bit for bit (the bounds are
/// stated beside each wire). Only realized P&amp;L (a day's sum), the trip's start, equity, the
/// times and the view's Q47.16 losses can wrap or need 64 bits, and they keep them.
/// </para>
/// </summary>
internal static class PortfolioSection
{
    /// <summary>
    /// The position contract: |position| after every Fill record is at most this many lots. 2^15 - 1
    /// keeps |position| in 15 bits and every product of a price by it below 2^63 (so the IL's 64-bit
    /// arithmetic never wraps on them); a real host's `risk max_position` is a few to a few thousand lots.
    /// </summary>
    public const int PositionBound = (1 << 15) - 1;

    /// <summary>The open P&amp;L's operands: the mark (mid - entry, or entry - mid short) is signed 48 bits, |position| 15.</summary>
    private const int MarkBits = 48;
    private const int PositionBits = 15;

    /// <summary>The open P&amp;L, mark·|position| as <see cref="BoothProduct"/> rows: 48 + 15 = 63 bits.</summary>
    private const string OpenPnl = "pf_open_pnl";

    /// <summary>What the simulation-only check prints (the start of the line) when a Fill record breaks the contract.</summary>
    public const string ViolationReport = "ERROR: a Fill record breaks the position contract";

    /// <summary>Booth digits of the open P&amp;L's multiplier, |position|: the rows a serial product adds (EvaluationFold's lead).</summary>
    public static int OpenPnlDigits => BoothProduct.Digits(PositionBits);

    /// <param name="serialOpenPnl">the open P&amp;L is added a few digits a cycle before the evaluation (<see cref="WriteSerialOpenPnl"/>): only declared here.</param>
    public static void Write(StringBuilder v, bool serialOpenPnl = false)
    {
        var bound = PositionBound.ToString(CultureInfo.InvariantCulture);
        var idle = PortfolioFillEngine.IdleCycles.ToString(CultureInfo.InvariantCulture);
        v.Append($$$"""
                // ---- stage 2: the portfolio, from the host's fills (Fill records) ----
                // Position contract (POSITION_BOUND): after every Fill record |position| <= B = {{{bound}}} lots, and a
                // fill's price is a tape price, 0..2^31 - 1 ticks. So a fill that adds has |lots| <= B, one that
                // reduces or flips |lots| <= 2B < 2^16; the entry is 0, a fill price or a truncated average of them,
                // so 0 <= entry <= P = (2^31 - 1)*2^16 < 2^47; and every IL product below is < 2^63 in magnitude
                // (no 64-bit wrap), so each narrow wire holds the IL's exact value.
                reg signed [15:0] pf_position;      // lots, signed: |position| <= B < 2^15
                reg        [46:0] pf_entry;         // average entry, Q47.16 ticks (0 when flat): 0..P < 2^47
                reg signed [63:0] pf_realized;      // Q47.16 tick-lots: a day's sum, wraps like the IL's
                reg signed [63:0] pf_opened_at;     // Unix ns the position left zero
                reg signed [63:0] pf_trip_start;    // realized P&L when the round trip began
                reg        [47:0] pf_losses;        // losing round trips in a row (the view reads its low 48 bits)
                // A fill: buy (AggressorBuy mark) or sell, price in ticks, size in lots, at the event's time.
                wire        r_fill_buy = r_marks[2];
                wire        [15:0] r_fill_lots = r_size[15:0];                  // <= 2B < 2^16
                wire signed [16:0] r_fill_signed = r_fill_buy ? $signed({1'b0, r_fill_lots}) : -$signed({1'b0, r_fill_lots});
                wire        [46:0] r_fill_price = {r_price[30:0], 16'h0000};   // Q47.16 ticks, <= P
                wire signed [63:0] r_fill_ts = (r_marks[4] || ev_open) ? ev_ts : r_ts;
                /* verilator lint_off UNUSEDSIGNAL */ // the negations' and the sum's top bits: 0 under the contract
                wire signed [15:0] pf_neg_position = -pf_position;
                wire        [14:0] pf_abs_position = pf_position[15] ? pf_neg_position[14:0] : pf_position[14:0];
                wire pf_adds = pf_position == 16'sd0 || (pf_position[15] == r_fill_signed[16]);
                wire signed [16:0] pf_total_wide = {pf_position[15], pf_position} + r_fill_signed;   // exact: |.| < 2^16 + 2^15
                wire signed [15:0] pf_total = pf_total_wide[15:0];                       // |total| <= B
                wire signed [15:0] pf_neg_total = -pf_total;
                wire        [14:0] pf_abs_total = pf_total[15] ? pf_neg_total[14:0] : pf_total[14:0];
                /* verilator lint_on UNUSEDSIGNAL */
                wire pf_fill = r_valid && r_op == OP_FILL;   // a Fill record: the engine below loads it
                // Reducing or flipping: closing <= |position| <= B. Both differences of the price and the entry
                // (each in 0..P < 2^47) are taken: the one that does not borrow (bit 47) is |entry - price| <= P.
                wire        [14:0] pf_closing = (r_fill_lots < {1'b0, pf_abs_position}) ? r_fill_lots[14:0] : pf_abs_position;
                wire        [47:0] pf_price_up = {1'b0, r_fill_price} - {1'b0, pf_entry};     // bit 47: price < entry
                wire        [47:0] pf_price_down = {1'b0, pf_entry} - {1'b0, r_fill_price};   // bit 47: price > entry
                wire        [46:0] pf_per_lot_size = pf_price_up[47] ? pf_price_down[46:0] : pf_price_up[46:0];
                // The IL's per lot is price - entry long, entry - price short.
                wire pf_per_lot_negative = pf_position[15] ? pf_price_down[47] : pf_price_up[47];
                wire pf_trip_ends = pf_total == 16'sd0 || (pf_total[15] != pf_position[15]);

            """);
        PortfolioFillEngine.Write(v);
        v.Append($$$"""
                // The portfolio's registers, as Portfolio.OnFill leaves them once the engine is done. At the Fill
                // record: the position, and what needs no product (the round trip's opening time and start when
                // a fill opens from flat, the entry of a fill that closes or flips). Then the engine's results.
                // Nothing reads them in between: the evaluation waits for the engine and no record comes (FILL_IDLE).
                /* verilator lint_off UNUSEDSIGNAL */ // a losing round trip: its sign
                wire signed [63:0] pf_trip_pnl = pf_realized - pf_trip_start;   // at PF_TRIP, realized is the new one
                /* verilator lint_on UNUSEDSIGNAL */
                always @(posedge clk) begin
                    if (rst) begin
                        pf_position <= 16'sd0;
                        pf_entry <= 47'd0;
                        pf_realized <= 64'sd0;
                        pf_opened_at <= 64'sd0;
                        pf_trip_start <= 64'sd0;
                        pf_losses <= 48'd0;
                    end else if (pf_fill) begin
                        pf_position <= pf_total;
                        if (pf_adds) begin
                            if (pf_position == 16'sd0) begin
                                pf_opened_at <= r_fill_ts;
                                pf_trip_start <= pf_realized;
                            end
                        end else if (pf_trip_ends) begin
                            pf_entry <= (pf_total == 16'sd0) ? 47'd0 : r_fill_price;
                            if (pf_total != 16'sd0) pf_opened_at <= r_fill_ts;
                        end
                    end else if (pf_step == PF_BOOK && !pf_adding) begin
                        pf_realized <= pf_realized_next;
                    end else if (pf_step == PF_TRIP && !pf_adding && pf_trip_ending) begin
                        pf_losses <= pf_trip_pnl[63] ? pf_losses + 48'd1 : 48'd0;
                        if (pf_position != 16'sd0) pf_trip_start <= pf_realized;
                    end else if (pf_step == PF_LAST && pf_adding) begin
                        // |total| = 0 (a fill of 0 lots on a flat position; the IL would divide by zero) gives 0, as before.
                        pf_entry <= (pf_divisor == 15'd0) ? 47'd0 : pf_low[46:0];
                    end
                end
            `ifndef SYNTHESIS
            `ifndef FORMAL
                // The position contract, checked in simulation at full width: the position this Fill record leaves
                // (from the whole 32-bit size) and its price. Records are counted from 0, the start Clock included.
                reg [63:0] pf_check_record;
                wire signed [33:0] pf_check_total = $signed({{18{pf_position[15]}}, pf_position}) + (r_fill_buy ? $signed({2'b00, r_size}) : -$signed({2'b00, r_size}));
                always @(posedge clk) begin
                    if (rst) pf_check_record <= 64'd0;
                    else if (r_valid) pf_check_record <= pf_check_record + 64'd1;
                    if (!rst && r_valid && r_op == OP_FILL
                        && (pf_check_total > 34'sd{{{bound}}} || pf_check_total < -34'sd{{{bound}}} || r_price[31])) begin
                        $display("{{{ViolationReport}}}: tape record %0d (a fill of %0d lots at %0d ticks) leaves a position of %0d lots; |position| must stay <= POSITION_BOUND = {{{bound}}} and the price below 2^31",
                            pf_check_record, r_size, r_price, pf_check_total);
                        $finish;
                    end
                end
                // FILL_IDLE, checked in simulation: no record while the engine applies a Fill record.
                reg [63:0] pf_check_fill;
                always @(posedge clk) begin
                    if (pf_fill) pf_check_fill <= pf_check_record;
                    if (!rst && r_valid && pf_step != 6'd0) begin
                        $display("{{{PortfolioFillEngine.IdleViolationReport}}}: tape record %0d came %0d idle cycles after Fill record %0d; in_valid must stay low for FILL_IDLE = {{{idle}}} cycles after a Fill record",
                            pf_check_record, pf_step - 6'd1, pf_check_fill);
                        $finish;
                    end
                end
            `endif
            `endif
                // What the strategy reads when it evaluates (a strategy may read only some of it).
                /* verilator lint_off UNUSEDSIGNAL */
                wire        [46:0] pf_bid = {bid_price_0, 16'h0000};
                wire        [46:0] pf_ask = {ask_price_0, 16'h0000};
                wire        [47:0] pf_mid_sum = {1'b0, pf_bid} + {1'b0, pf_ask};
                wire        [46:0] pf_mid = (pf_bid != 47'd0 && pf_ask != 47'd0) ? pf_mid_sum[47:1] : pf_entry;
                // |mid - entry| < 2^47 and |position| <= B: the open P&L is < 2^62 in magnitude, exact. Flat, |position|
                // is 0 and so is the product: no select needed.
                wire signed [47:0] pf_mark = pf_position[15] ? $signed({1'b0, pf_entry}) - $signed({1'b0, pf_mid})
                                                             : $signed({1'b0, pf_mid}) - $signed({1'b0, pf_entry});

            """);
        if (serialOpenPnl)
            v.Append(CultureInfo.InvariantCulture, $"    wire signed [{BoothProduct.Width(MarkBits, PositionBits) - 1}:0] {OpenPnl};   // before the evaluation, a few Booth digits a cycle (below the evaluation trigger)\n");
        else
            BoothProduct.Write(line => v.Append("    ").Append(line).Append('\n'), OpenPnl, "pf_mark", MarkBits, "pf_abs_position", PositionBits);
        v.Append($$$"""
                wire signed [63:0] view_position = {{32{pf_position[15]}}, pf_position, 16'h0000};
                wire signed [63:0] view_entry_price = {17'd0, pf_entry};
                wire signed [63:0] view_time_in_position = (pf_position == 16'sd0) ? 64'sd0 : $signed(ev_ts) - pf_opened_at;
                wire signed [63:0] view_losses_in_a_row = {pf_losses, 16'h0000};
                wire signed [63:0] view_equity = {CAPITAL_TICK_LOTS[47:0], 16'h0000} + pf_realized + {{{{OpenPnl}}}[62], {{{OpenPnl}}}};
                wire pf_flat = pf_position == 16'sd0;    // a peak since entry reads these
                wire pf_short = pf_position[15];
                /* verilator lint_on UNUSEDSIGNAL */


            """);
    }

    /// <summary>
    /// The open P&amp;L over the evaluation's lead (EvaluationFold): loaded with the request, when the book
    /// and the portfolio already hold what the evaluation reads, and done before it. Neither the mark
    /// nor |position| changes until the next record (the lead is below R).
    /// </summary>
    public static void WriteSerialOpenPnl(StringBuilder v, int perStep, int steps)
    {
        v.Append("    // The open P&L for the evaluation (view_equity), computed between its request and the evaluation.\n");
        SerialBoothProduct.Write(line => v.Append("    ").Append(line).Append('\n'), OpenPnl, "pf_mark", MarkBits, "pf_abs_position", PositionBits, "eval_request", perStep, steps);
        v.Append('\n');
    }
}
