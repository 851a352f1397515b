using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The portfolio in hardware, fed by the host's fills (Fill records on the tape, hdl-backend/README.md):
/// position, average entry, realized P&amp;L, the time the position opened and the losing round
/// trips in a row, updated exactly as the runtime's Portfolio.OnFill does (64-bit wrapping
/// arithmetic, the entry a truncating division), and the view the strategy reads at evaluation
/// (BacktestEngine.UpdatePortfolioView): position and losses as Q47.16, time in position from the
/// event's time, equity = capital + realized + open P&amp;L marked at mid (at the entry when a
/// side of the book is empty). Fills are applied at stage 2, beside the book.
/// </summary>
internal static class PortfolioSection
{
    public static void Write(StringBuilder v)
    {
        v.Append("""
                // ---- stage 2: the portfolio, from the host's fills (Fill records) ----
                reg signed [63:0] pf_position;      // lots, signed
                reg signed [63:0] pf_entry;         // average entry, Q47.16 ticks (0 when flat)
                reg signed [63:0] pf_realized;      // Q47.16 tick-lots
                reg signed [63:0] pf_opened_at;     // Unix ns the position left zero
                reg signed [63:0] pf_trip_start;    // realized P&L when the round trip began
                reg signed [63:0] pf_losses;        // losing round trips in a row
                // A fill: buy (AggressorBuy mark) or sell, price in ticks, size in lots, at the event's time.
                wire        r_fill_buy = r_marks[2];
                wire signed [63:0] r_fill_lots = $signed({32'd0, r_size});
                wire signed [63:0] r_fill_signed = r_fill_buy ? r_fill_lots : -r_fill_lots;
                wire signed [63:0] r_fill_price = $signed({16'd0, r_price, 16'h0000});
                wire signed [63:0] r_fill_ts = (r_marks[4] || ev_open) ? ev_ts : r_ts;
                wire signed [63:0] pf_abs_position = pf_position[63] ? -pf_position : pf_position;
                wire pf_adds = pf_position == 64'sd0 || (pf_position[63] == r_fill_signed[63]);
                wire signed [63:0] pf_total = pf_position + r_fill_signed;
                wire signed [63:0] pf_abs_total = pf_total[63] ? -pf_total : pf_total;
                wire signed [63:0] pf_weighted = pf_entry * pf_abs_position + r_fill_price * r_fill_lots;
                wire signed [63:0] pf_average = pf_weighted / (pf_abs_total == 64'sd0 ? 64'sd1 : pf_abs_total);
                wire signed [63:0] pf_closing = (r_fill_lots < pf_abs_position) ? r_fill_lots : pf_abs_position;
                wire signed [63:0] pf_per_lot = pf_position[63] ? pf_entry - r_fill_price : r_fill_price - pf_entry;
                wire signed [63:0] pf_realized_next = pf_realized + pf_per_lot * pf_closing;
                wire pf_trip_ends = pf_total == 64'sd0 || (pf_total[63] != pf_position[63]);
                /* verilator lint_off UNUSEDSIGNAL */ // a losing round trip: its sign
                wire signed [63:0] pf_trip_pnl = pf_realized_next - pf_trip_start;
                /* verilator lint_on UNUSEDSIGNAL */
                always @(posedge clk) begin
                    if (rst) begin
                        pf_position <= 64'sd0;
                        pf_entry <= 64'sd0;
                        pf_realized <= 64'sd0;
                        pf_opened_at <= 64'sd0;
                        pf_trip_start <= 64'sd0;
                        pf_losses <= 64'sd0;
                    end else if (r_valid && r_op == OP_FILL) begin
                        if (pf_adds) begin
                            if (pf_position == 64'sd0) begin
                                pf_opened_at <= r_fill_ts;
                                pf_trip_start <= pf_realized;
                            end
                            pf_entry <= pf_average;
                            pf_position <= pf_total;
                        end else begin
                            pf_realized <= pf_realized_next;
                            pf_position <= pf_total;
                            if (pf_trip_ends) begin
                                pf_losses <= pf_trip_pnl[63] ? pf_losses + 64'sd1 : 64'sd0;
                                pf_entry <= (pf_total == 64'sd0) ? 64'sd0 : r_fill_price;
                                if (pf_total != 64'sd0) begin
                                    pf_opened_at <= r_fill_ts;
                                    pf_trip_start <= pf_realized_next;
                                end
                            end
                        end
                    end
                end
                // What the strategy reads when it evaluates (a strategy may read only some of it).
                /* verilator lint_off UNUSEDSIGNAL */
                wire signed [63:0] pf_bid = $signed({17'd0, bid_price_0, 16'h0000});
                wire signed [63:0] pf_ask = $signed({17'd0, ask_price_0, 16'h0000});
                wire signed [63:0] pf_mid_sum = pf_bid + pf_ask;
                wire signed [63:0] pf_mid = (pf_bid > 64'sd0 && pf_ask > 64'sd0) ? (pf_mid_sum >>> 1) : pf_entry;
                wire signed [63:0] pf_open_pnl = (pf_position == 64'sd0) ? 64'sd0
                    : (pf_position[63] ? pf_entry - pf_mid : pf_mid - pf_entry) * pf_abs_position;
                wire signed [63:0] view_position = {pf_position[47:0], 16'h0000};
                wire signed [63:0] view_entry_price = pf_entry;
                wire signed [63:0] view_time_in_position = (pf_position == 64'sd0) ? 64'sd0 : $signed(ev_ts) - pf_opened_at;
                wire signed [63:0] view_losses_in_a_row = {pf_losses[47:0], 16'h0000};
                wire signed [63:0] view_equity = {CAPITAL_TICK_LOTS[47:0], 16'h0000} + pf_realized + pf_open_pnl;
                /* verilator lint_on UNUSEDSIGNAL */


            """);
    }
}
