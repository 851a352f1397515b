using System.Globalization;
using System.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module's record interval R &gt; 1 (RecordIdleContract): the header's statement and the
/// simulation-only check that prints an <c>ERROR:</c> line and stops when a record comes inside it.
/// </summary>
internal static class RecordIntervalCheck
{
    /// <summary>Idle cycles owed after a Fill record in a module that keeps the portfolio: R counts from its deferred evaluation.</summary>
    private static int AfterFill(int interval) => RecordIdleContract.IdleAfter(RecordIdleContract.Rules.Single(r => r.Op == 6), interval);

    private static string D(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static void WriteHeader(StringBuilder v, int interval, bool usesPortfolio)
    {
        v.Append(CultureInfo.InvariantCulture, $"// Input contract: RECORD_INTERVAL = {interval}: in_valid is high at most once every {interval} cycles (at least {interval - 1} idle\n");
        v.Append("// cycles after every record, on top of the idle cycles after Clock and Fill records), so sections\n");
        v.Append("// may finish an evaluation's work before the next one (drawdown's suffix maxima).\n");
        if (usesPortfolio)
            v.Append(CultureInfo.InvariantCulture, $"// An EndOfEvent Fill record is evaluated FILL_LATENCY - LATENCY cycles late, so after a Fill record in_valid stays low {AfterFill(interval)} cycles.\n");
    }

    public static void Write(StringBuilder v, int interval, bool usesPortfolio)
    {
        var fill = usesPortfolio ? $"(in_op == 8'd6) ? 8'd{D(AfterFill(interval))} : " : "";
        v.Append($$"""
            `ifndef SYNTHESIS
            `ifndef FORMAL
                    // RECORD_INTERVAL, checked in simulation: the idle cycles still owed after the last record.
                    reg [7:0] interval_owed;
                    reg [63:0] interval_record;
                    always @(posedge clk) begin
                        if (rst) begin
                            interval_owed <= 8'd0;
                            interval_record <= 64'd0;
                        end else if (in_valid) begin
                            if (interval_owed != 8'd0) begin
                                $display("{{RecordIdleContract.IntervalViolationReport}}: tape record %0d came %0d cycles early; in_valid is high at most once every RECORD_INTERVAL = {{D(interval)}} cycles{{(usesPortfolio ? $" ({D(AfterFill(interval))} idle cycles after a Fill record)" : "")}}",
                                    interval_record, interval_owed);
                                $finish;
                            end
                            interval_owed <= {{fill}}8'd{{D(RecordIdleContract.IdleAfterOther(interval))}};
                            interval_record <= interval_record + 64'd1;
                        end else if (interval_owed != 8'd0) begin
                            interval_owed <= interval_owed - 8'd1;
                        end
                    end
            `endif
            `endif

            """);
    }
}
