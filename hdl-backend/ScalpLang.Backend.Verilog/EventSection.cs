using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// What the windows read besides the book: the tape's time (record deltas and Clock records; the
/// first hex-tape record is a Clock carrying the tape's start time) and the event's amounts, kept
/// exactly as the IL host builds its view from a tape (IlReference, BacktestEngine.Tape): the
/// event's time is its first non-Clock record's; trade sizes add up and the last trade's
/// aggressor counts; a book record at a tracked level that is not a Reveal adds its increase, and
/// cancels its decrease unless a trade came earlier in the event (then it was an execution).
/// A Fill record before the event's end opens the event like a market record (it carries no
/// amounts); one after it (the After mark) belongs to the event that ended. Updated at stage 2,
/// beside the book; read when the event is evaluated.
/// </summary>
internal static class EventSection
{
    /// <summary>
    /// The low bits every amount has at zero: a tape size is whole lots, {size, 16'h0000} in Q47.16,
    /// so the amounts are kept in lots (the IL's 64-bit sums of multiples of 2^16, mod 2^64, are the
    /// lot sums mod 2^48 shifted left 16: the registers hold bits 63..16 and the rest is 0).
    /// </summary>
    public const int LotZeroBits = 16;

    /// <summary>Lots traded in the event (the IL's trade size / 2^16).</summary>
    public static SumAmount TradeSize { get; } = new("ev_trade_lots", LotZeroBits);

    /// <summary>Lots added at the tracked levels.</summary>
    public static SumAmount Added { get; } = new("ev_added_lots", LotZeroBits);

    /// <summary>Lots cancelled at the tracked levels.</summary>
    public static SumAmount Cancelled { get; } = new("ev_cancelled_lots", LotZeroBits);

    public static void Write(StringBuilder v, int levels, int tracked)
    {
        v.Append("    // ---- stage 2: the event's time and amounts (what the windows read) ----\n");
        v.Append("    localparam [7:0] OP_CLOCK = 8'd5;\n");
        v.Append("""
                reg        [63:0] now_ns;          // time of the last record, Unix ns
                /* verilator lint_off UNUSEDSIGNAL */ // the portfolio reads it (time in position); windows read their bucket clocks
                reg        [63:0] ev_ts;           // the event's time: its first non-Clock record's
                /* verilator lint_on UNUSEDSIGNAL */
                reg               ev_open;         // a record of the event has been applied, not its end
                reg               ev_trades;       // the event carries a trade (so far)
                reg               ev_aggressor_buy;// the last trade's aggressor bought
                // The amounts in whole lots, wrapping at 2^48: the IL's Q47.16 amount is {lots, 16'h0000},
                // its sum of multiples of 2^16 wrapping at 2^64 the lot sum wrapping at 2^48, shifted.
                reg signed [47:0] ev_trade_lots;   // lots traded in the event
                reg signed [47:0] ev_added_lots;   // lots added at the tracked levels
                reg signed [47:0] ev_cancelled_lots; // lots cancelled at the tracked levels
                wire r_clock = r_op == OP_CLOCK;
                wire r_trade = r_op == OP_TRADE;
                // A fill the host booked after the event's evaluation: it belongs to the event that ended.
                wire r_after = r_op == OP_FILL && r_marks[4];
                wire [63:0] r_ts = now_ns + {32'd0, r_delta} + (r_clock ? {r_price, r_size} : 64'd0);

            """);
        // The level's size before a Change or Delete (the book registers still hold it).
        var select = new StringBuilder();
        for (var j = 0; j < levels; j++)
            select.Append($"(r_aux == 16'd{j}) ? (r_ask ? ask_size_{j} : bid_size_{j}) : ");
        v.Append($"    wire [{BookSection.LevelBits - 1}:0] r_level_size = {select}{BookSection.LevelBits}'d0;\n");
        v.Append($$"""
                // New size minus old at the level: an Insert's size, a Change's difference, minus a Delete's size.
                wire signed [33:0] r_size_change =
                    (r_op == OP_INSERT) ? $signed({2'b00, r_size}) :
                    (r_op == OP_CHANGE) ? $signed({2'b00, r_size}) - $signed({3'b000, r_level_size}) :
                    (r_op == OP_DELETE) ? -$signed({3'b000, r_level_size}) : 34'sd0;
                // Counted at the strategy's {{tracked}} tracked levels, never for a Reveal.
                wire r_counted = r_op <= OP_DELETE && !r_marks[1] && r_aux < 16'd{{tracked}};
                wire [33:0] r_added_lots = (r_counted && r_size_change > 34'sd0) ? r_size_change : 34'd0;
                wire [33:0] r_cancelled_lots = (r_counted && r_size_change < 34'sd0 && !(ev_open && ev_trades)) ? -r_size_change : 34'd0;
                always @(posedge clk) begin
                    if (rst) begin
                        now_ns <= 64'd0;
                        ev_ts <= 64'd0;
                        ev_open <= 1'b0;
                        ev_trades <= 1'b0;
                        ev_aggressor_buy <= 1'b0;
                        ev_trade_lots <= 48'sd0;
                        ev_added_lots <= 48'sd0;
                        ev_cancelled_lots <= 48'sd0;
                    end else if (r_valid) begin
                        now_ns <= r_ts;
                        if (!r_clock && !r_after) begin
                            // The first record of an event starts its amounts from zero.
                            ev_open <= !r_end_of_event;
                            if (!ev_open) ev_ts <= r_ts;
                            ev_trades <= (ev_open && ev_trades) || r_trade;
                            ev_aggressor_buy <= r_trade ? r_marks[2] : (ev_open && ev_aggressor_buy);
                            ev_trade_lots <= (ev_open ? ev_trade_lots : 48'sd0) + (r_trade ? $signed({16'd0, r_size}) : 48'sd0);
                            ev_added_lots <= (ev_open ? ev_added_lots : 48'sd0) + $signed({14'd0, r_added_lots});
                            ev_cancelled_lots <= (ev_open ? ev_cancelled_lots : 48'sd0) + $signed({14'd0, r_cancelled_lots});
                        end
                    end
                end


            """);
    }
}
