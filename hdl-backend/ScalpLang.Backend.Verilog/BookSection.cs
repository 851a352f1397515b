using System.Globalization;
using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module's front: the registered tape record and the top-N book it keeps, exactly as
/// DepthBook applies docs/tape.md's ops (insert at i moves i.. down one and a full side drops its
/// last; change sets the size at i; delete at i moves i+1.. up one). Levels past a side's count
/// hold 0, so the best price of an empty side reads 0 and a depth sum adds nothing for missing
/// levels, as the runtime's view does; no count register is needed. Prices and sizes of a valid
/// tape are positive int32, so a level holds 31 bits of each.
/// </summary>
internal static class BookSection
{
    public const int LevelBits = 31;
    /// <summary>A last-trade price: 31 bits of ticks and the 16-bit sub-tick fraction (aux).</summary>
    public const int LastPriceBits = LevelBits + 16;

    public static void WriteInputRegisters(StringBuilder v)
    {
        v.Append("""
                   // ---- stage 1: the registered tape record ----
                   // Milestone 1 reads no time and no Reveal/AggressorBuy marks (windows will), and a valid
                   // tape's prices and sizes are positive, so some bits are registered but not read yet.
                   /* verilator lint_off UNUSEDSIGNAL */
                   reg        r_valid;
                   reg [31:0] r_delta;
                   reg [7:0]  r_op;
                   reg [7:0]  r_marks;
                   reg [15:0] r_aux;
                   reg [31:0] r_price;
                   reg [31:0] r_size;
                   /* verilator lint_on UNUSEDSIGNAL */
                   always @(posedge clk) begin
                       if (rst) r_valid <= 1'b0;
                       else r_valid <= in_valid;
                       r_delta <= in_delta;
                       r_op <= in_op;
                       r_marks <= in_marks;
                       r_aux <= in_aux;
                       r_price <= in_price;
                       r_size <= in_size;
                   end

                   // The ops this milestone applies (a strategy that reads no trade ignores OP_TRADE).
                   /* verilator lint_off UNUSEDPARAM */
                   localparam [7:0] OP_INSERT = 8'd0;
                   localparam [7:0] OP_CHANGE = 8'd1;
                   localparam [7:0] OP_DELETE = 8'd2;
                   localparam [7:0] OP_TRADE  = 8'd3;
                   localparam [7:0] OP_FILL   = 8'd6;   // one of our fills (hex tape only; hdl-backend/README.md)
                   /* verilator lint_on UNUSEDPARAM */
                   wire r_end_of_event = r_marks[0];
                   wire r_ask = r_marks[3];


               """);
    }

    public static void WriteBook(StringBuilder v, int levels, bool lastTrade)
    {
        v.Append("    // ---- stage 2: the book (levels best first; 0 past a side's count) and the last trade ----\n");
        foreach (var side in (string[])["bid", "ask"])
        {
            for (var j = 0; j < levels; j++)
                v.Append($"    reg [{LevelBits - 1}:0] {side}_price_{j};\n    reg [{LevelBits - 1}:0] {side}_size_{j};\n");
        }
        foreach (var side in (string[])["bid", "ask"])
        {
            var select = side == "bid" ? "!r_ask" : "r_ask";
            v.Append($"    always @(posedge clk) begin\n        if (rst) begin\n");
            for (var j = 0; j < levels; j++)
                v.Append($"            {side}_price_{j} <= {LevelBits}'d0;\n            {side}_size_{j} <= {LevelBits}'d0;\n");
            v.Append($"        end else if (r_valid && {select}) begin\n            case (r_op)\n");

            v.Append("                OP_INSERT: begin\n");
            for (var j = 0; j < levels; j++)
            {
                foreach (var (field, incoming) in (ReadOnlySpan<(string, string)>)[("price", "r_price"), ("size", "r_size")])
                {
                    var reg = $"{side}_{field}_{j}";
                    var deeper = j == 0 ? reg : $"(r_aux < 16'd{j}) ? {side}_{field}_{j - 1} : {reg}";
                    v.Append($"                    {reg} <= (r_aux == 16'd{j}) ? {incoming}[{LevelBits - 1}:0] : {deeper};\n");
                }
            }
            v.Append("                end\n                OP_CHANGE: begin\n");
            for (var j = 0; j < levels; j++)
                v.Append($"                    {side}_size_{j} <= (r_aux == 16'd{j}) ? r_size[{LevelBits - 1}:0] : {side}_size_{j};\n");
            v.Append("                end\n                OP_DELETE: begin\n");
            for (var j = 0; j < levels; j++)
            {
                foreach (var field in (string[])["price", "size"])
                {
                    var reg = $"{side}_{field}_{j}";
                    var below = j + 1 < levels ? $"{side}_{field}_{j + 1}" : $"{LevelBits}'d0";
                    var moves = j == 0 ? "(r_aux == 16'd0)" : $"(r_aux <= 16'd{j})";
                    v.Append($"                    {reg} <= {moves} ? {below} : {reg};\n");
                }
            }
            v.Append("                end\n                default: ;\n            endcase\n        end\n    end\n");
        }
        if (lastTrade)
        {
            v.Append($$"""
                         reg [{{LastPriceBits - 1}}:0] last_price;
                         always @(posedge clk) begin
                             if (rst) last_price <= {{LastPriceBits}}'d0;
                             else if (r_valid && r_op == OP_TRADE) last_price <= {r_price[{{LevelBits - 1}}:0], r_aux};
                         end

                     """);
        }
    }

    /// <summary>
    /// The evaluation's trigger. With <paramref name="deferredFill"/> (the portfolio's fill engine flag,
    /// PortfolioFillEngine) an EndOfEvent Fill record evaluates when that flag is high, after the engine.
    /// </summary>
    /// <param name="lead">
    /// cycles the evaluation waits after its request while a sequential unit computes what it reads
    /// (EvaluationFold.Lead: the open P&amp;L); 0 evaluates in the request's cycle.
    /// </param>
    public static void WriteEvaluationTrigger(StringBuilder v, string? deferredFill, int lead = 0)
    {
        if (lead > 0)
        {
            WriteDelayedTrigger(v, deferredFill, lead);
            return;
        }
        var (pending, refill) = Requests(deferredFill);
        var when = deferredFill is null ? "" : " An EndOfEvent Fill record evaluates\n    // once the portfolio has applied it (FILL_LATENCY).";
        v.Append($$"""
                     // The record that ended an event is in the book now: evaluate in this cycle. An
                     // EndOfEvent Fill record asks for the evaluation after our own fill (grammar/README.md
                     // §7 rule 9): no market amounts, circuit breakers and exits only.{{when}}
                     reg eval_pending;
                     reg eval_refill;
                     always @(posedge clk) begin
                         if (rst) begin
                             eval_pending <= 1'b0;
                             eval_refill <= 1'b0;
                         end else begin
                             eval_pending <= {{pending}};
                             eval_refill <= {{refill}};
                         end
                     end


                 """);
    }

    /// <summary>When an evaluation is asked for, and when it is the one after our own fill (an EndOfEvent Fill record's).</summary>
    private static (string Pending, string Refill) Requests(string? deferredFill) => deferredFill is null
        ? ("r_valid && r_end_of_event", "r_valid && r_end_of_event && r_op == OP_FILL")
        : ($"(r_valid && r_end_of_event && r_op != OP_FILL) || {deferredFill}", deferredFill);

    /// <summary>
    /// The request registers as the evaluation did, and the evaluation follows it <paramref name="lead"/>
    /// cycles later: nothing it reads changes before the next record, R cycles after this one's at the
    /// soonest (lead &lt;= R - 1), so it reads what it would have read in the request's cycle.
    /// </summary>
    private static void WriteDelayedTrigger(StringBuilder v, string? deferredFill, int lead)
    {
        var (pending, refill) = Requests(deferredFill);
        v.Append(CultureInfo.InvariantCulture, $$"""
                 // The record that ended an event is in the book now: the evaluation is requested in this cycle
                 // and comes {{lead}} cycles later (EvaluationFold's lead), while a sequential unit computes what it
                 // reads from state that stays put until the next record. An EndOfEvent Fill record asks for the
                 // evaluation after our own fill (grammar/README.md §7 rule 9): circuit breakers and exits only.
                 reg eval_request;
                 reg eval_request_refill;
                 always @(posedge clk) begin
                     if (rst) begin
                         eval_request <= 1'b0;
                         eval_request_refill <= 1'b0;
                     end else begin
                         eval_request <= {{pending}};
                         eval_request_refill <= {{refill}};
                     end
                 end

             """);
        var (previous, previousRefill) = ("eval_request", "eval_request_refill");
        for (var k = 1; k < lead; k++)
        {
            v.Append(CultureInfo.InvariantCulture, $"    reg eval_lead_{k}, eval_lead_refill_{k};\n");
            v.Append(CultureInfo.InvariantCulture, $"    always @(posedge clk) begin eval_lead_{k} <= !rst && {previous}; eval_lead_refill_{k} <= !rst && {previousRefill}; end\n");
            (previous, previousRefill) = ($"eval_lead_{k}", $"eval_lead_refill_{k}");
        }
        v.Append(CultureInfo.InvariantCulture, $"""
                 reg eval_pending;
                 reg eval_refill;
                 always @(posedge clk) begin eval_pending <= !rst && {previous}; eval_refill <= !rst && {previousRefill}; end


             """);
    }
}
