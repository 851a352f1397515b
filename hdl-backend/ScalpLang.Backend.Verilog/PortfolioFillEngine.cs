using System.Globalization;
using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The portfolio's fill arithmetic as a small sequential engine (hdl-backend/README.md, "Fills"):
/// fills are rare (our own, sent by the host), so after a Fill record the host keeps in_valid low
/// for <see cref="IdleCycles"/> cycles (FILL_IDLE, the module's input contract) while the engine
/// multiplies by shift-and-add, <see cref="DigitBits"/> bits of the long operand a step, and divides
/// by restoring rows, <see cref="RowsPerStep"/> a step. An EndOfEvent Fill record's evaluation
/// waits for it: its decision comes out <see cref="Steps"/> cycles after LATENCY (FILL_LATENCY).
/// <para>
/// Every carry chain of a step is 17 bits (the multiplier's sum) or 16 (a division row); the 64-bit
/// sums of the realized P&amp;L and the round trip's result each have a step of their own, and the
/// load takes the two 48-bit differences of the price and the entry side by side.
/// </para>
/// </summary>
internal static class PortfolioFillEngine
{
    /// <summary>Bits of the long operands (48: the entry and the fill's price are below 2^47) taken per multiply step.</summary>
    public const int DigitBits = 2;

    /// <summary>Restoring division rows per step (48 rows: the quotient is below 2^47, one row more is exact).</summary>
    public const int RowsPerStep = 2;

    /// <summary>Bits of the long operands and of the product's low part (the quotient's register too).</summary>
    public const int LongBits = 48;

    public const int MultiplySteps = LongBits / DigitBits;
    public const int DivideSteps = LongBits / RowsPerStep;

    /// <summary>Reducing fills: the step that books the closed P&amp;L, and the one that ends the round trip on its new realized.</summary>
    public const int BookStep = MultiplySteps + 1;
    public const int TripStep = MultiplySteps + 2;

    /// <summary>The last step commits the average entry of a fill that adds, and evaluates an EndOfEvent Fill record.</summary>
    public const int Steps = MultiplySteps + DivideSteps + 1;

    /// <summary>
    /// The input contract: in_valid low for this many cycles after a Fill record. The record is
    /// loaded at the edge after it is sampled (step 1) and the engine's last step writes at the
    /// edge Steps later, so a record sampled Steps + 1 edges after the fill finds the portfolio done.
    /// </summary>
    public const int IdleCycles = Steps;

    /// <summary>What the simulation-only check prints (the start of the line) when a record comes inside FILL_IDLE.</summary>
    public const string IdleViolationReport = "ERROR: a tape record came while a Fill record was being applied";

    /// <summary>The flag high in the engine's last step when the fill ended an event: the evaluation trigger reads it.</summary>
    public const string EvaluationSignal = "pf_fill_evaluation";

    private static string D(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static void Write(StringBuilder v)
    {
        v.Append($$$"""
                // The fill's arithmetic, sequential (in_valid stays low FILL_IDLE = {{{D(IdleCycles)}}} cycles after a Fill record).
                // Loaded at the Fill record (step 1). Steps 1..{{{D(MultiplySteps)}}}: shift-and-add, {{{D(DigitBits)}}} bits of the long operands a
                // step, product bits into pf_low's top as the operand's bits leave its bottom. Adding, the weighted
                // sum entry*|position| + price*lots (long operands the entry and the fill's price, multipliers
                // |position| and lots); reducing, |per lot|*closing (long operand |entry - price|, the second one 0).
                // Adding, steps {{{D(MultiplySteps + 1)}}}..{{{D(MultiplySteps + DivideSteps)}}} divide it by |total|, {{{D(RowsPerStep)}}} restoring rows a step, and step {{{D(Steps)}}} commits
                // the average; reducing, step {{{D(BookStep)}}} books the closed P&L and step {{{D(TripStep)}}} ends the round trip.
                localparam [5:0] PF_MULTIPLY_LAST = 6'd{{{D(MultiplySteps)}}};
                localparam [5:0] PF_DIVIDE_LAST = 6'd{{{D(MultiplySteps + DivideSteps)}}};
                localparam [5:0] PF_BOOK = 6'd{{{D(BookStep)}}};
                localparam [5:0] PF_TRIP = 6'd{{{D(TripStep)}}};
                localparam [5:0] PF_LAST = 6'd{{{D(Steps)}}};
                reg         [5:0] pf_step;          // 0 idle, else the step the engine takes at the next edge
                reg               pf_adding;        // the fill adds to the position (or opens it)
                reg               pf_trip_ending;   // reducing: the fill closes or flips the position
                reg               pf_pnl_negative;  // reducing: the closed P&L's sign (per lot < 0)
                reg               pf_evaluates;     // the Fill record ended an event: evaluate at the last step
                reg        [47:0] pf_low;           // long operand, then the product's low 48 bits, then dividend/quotient
                reg        [46:0] pf_price_bits;    // adding: the fill's price (Q47.16, <= P < 2^47), the second long operand
                reg        [14:0] pf_mul_a;         // adding |position|, reducing closing: <= B
                reg        [14:0] pf_mul_b;         // adding lots (<= |total| <= B), reducing 0
                reg        [14:0] pf_high;          // the product's high part, then the remainder
                reg        [14:0] pf_divisor;       // adding: |total| <= B
                // A step adds digits a, b (0..3) of the long operands times their multipliers to the high part.
                // S = mul_a + mul_b <= B (adding: |position| + lots = |total|; reducing: closing + 0). After t
                // steps the high part is floor(partial/2^(2t)) with partial < 2^(2t)*S, so high < S, and the sum
                // is < S + 3S = 4S <= 4B < 2^17: 17 bits hold it exactly.
                wire       [16:0] pf_mul_sum = {2'b00, pf_high}
                    + (pf_low[0] ? {2'b00, pf_mul_a} : 17'd0) + (pf_low[1] ? {1'b0, pf_mul_a, 1'b0} : 17'd0)
                    + (pf_price_bits[0] ? {2'b00, pf_mul_b} : 17'd0) + (pf_price_bits[1] ? {1'b0, pf_mul_b, 1'b0} : 17'd0);
                // After {{{D(MultiplySteps)}}} steps both long operands (< 2^47) are consumed: the product is {high, low}, < 2^62
                // (adding: P*|total| <= P*B; reducing: |per lot| <= P, closing <= B), so high < 2^14.
                // The average's quotient is <= P < 2^47, so weighted < |total|*2^48: the first remainder (high, the
                // bits above 2^48) is below the divisor, and {{{D(LongBits)}}} rows give the quotient exactly (floor, both >= 0).
                // Each row is below 2*divisor (its remainder is below the divisor), so row - divisor is in
                // (-2^15, 2^15): bit 15 of the 16-bit difference is its sign, i.e. the quotient bit's complement.

            """);
        var remainder = "pf_high";
        for (var row = 0; row < RowsPerStep; row++)
        {
            var r = D(row);
            v.Append(CultureInfo.InvariantCulture, $"    wire       [15:0] pf_row_{r} = {{{remainder}, pf_low[{D(LongBits - 1 - row)}]}};\n");
            v.Append(CultureInfo.InvariantCulture, $"    wire       [15:0] pf_diff_{r} = pf_row_{r} - {{1'b0, pf_divisor}};\n");
            v.Append(CultureInfo.InvariantCulture, $"    wire              pf_quo_{r} = !pf_diff_{r}[15];\n");
            v.Append(CultureInfo.InvariantCulture, $"    wire       [14:0] pf_rem_{r} = pf_quo_{r} ? pf_diff_{r}[14:0] : pf_row_{r}[14:0];\n");
            remainder = $"pf_rem_{r}";
        }
        var quotientBits = string.Join(", ", Enumerable.Range(0, RowsPerStep).Select(r => $"pf_quo_{D(r)}"));
        v.Append($$$"""
                always @(posedge clk) begin
                    if (rst) begin
                        pf_step <= 6'd0;
                    end else if (pf_fill) begin
                        pf_step <= 6'd1;
                        pf_adding <= pf_adds;
                        pf_trip_ending <= pf_trip_ends;
                        pf_pnl_negative <= pf_per_lot_negative;
                        pf_evaluates <= r_end_of_event;
                        pf_low <= {1'b0, pf_adds ? pf_entry : pf_per_lot_size};
                        pf_price_bits <= pf_adds ? r_fill_price : 47'd0;
                        pf_mul_a <= pf_adds ? pf_abs_position : pf_closing;
                        pf_mul_b <= pf_adds ? r_fill_lots[14:0] : 15'd0;   // adding: lots <= |total| <= B
                        pf_high <= 15'd0;
                        pf_divisor <= pf_abs_total;
                    end else if (pf_step != 6'd0) begin
                        pf_step <= (pf_step == PF_LAST) ? 6'd0 : pf_step + 6'd1;
                        if (pf_step <= PF_MULTIPLY_LAST) begin
                            pf_high <= pf_mul_sum[16:2];
                            pf_low <= {pf_mul_sum[1:0], pf_low[47:2]};
                            pf_price_bits <= {2'b00, pf_price_bits[46:2]};
                        end else if (pf_adding && pf_step <= PF_DIVIDE_LAST) begin
                            pf_high <= {{{remainder}}};
                            pf_low <= {pf_low[{{{D(LongBits - 1 - RowsPerStep)}}}:0], {{{quotientBits}}}};
                        end
                    end
                end
                // Reducing: the closed P&L, |per lot|*closing < 2^62, booked with its sign (two's complement negation).
                wire       [61:0] pf_closed_size = {pf_high[13:0], pf_low};
                wire signed [63:0] pf_realized_next = pf_realized + ({2'b00, pf_closed_size} ^ {64{pf_pnl_negative}}) + {63'd0, pf_pnl_negative};
                wire              {{{EvaluationSignal}}} = pf_step == PF_LAST && pf_evaluates;   // the Fill record's evaluation, after the portfolio

            """);
    }
}
