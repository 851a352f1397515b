using System.Globalization;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>The sequential core (two record words in, four output words out) in iverilog, and the lines its decisions are compared as.</summary>
internal static class CoreSimulation
{
    private const int RecordWords = 2;
    private const int OutputWords = 4;

    public static string Line(long[] words) => string.Join(' ', words.Reverse().Select(w => ((ulong)w).ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>The core in iverilog: each record given with in_valid when ready, each out_valid's words a line of out.txt.</summary>
    /// <param name="cyclesPerRecord">the testbench gives up after this many cycles a record (a broken core that loops forever).</param>
    public static List<string> Run(string core, List<long[]> records, int cyclesPerRecord = 4000)
    {
        var dir = Tools.Scratch("seqcore");
        File.WriteAllText(Path.Combine(dir, "SeqCore.v"), core);
        File.WriteAllLines(Path.Combine(dir, "records.txt"), records.Select(r => string.Join(' ', r.Reverse().Select(w => ((ulong)w).ToString("x16", CultureInfo.InvariantCulture)))));
        File.WriteAllText(Path.Combine(dir, "tb.v"), Testbench(records.Count, cyclesPerRecord));
        var (exit, text) = Tools.Run("iverilog", dir, "-o", "sim", "-s", "tb", "tb.v", "SeqCore.v");
        Assert.True(exit == 0, text);
        (exit, text) = Tools.Run("vvp", dir, "-n", "sim");
        Assert.True(exit == 0, text);
        Assert.DoesNotContain("ERROR", text, StringComparison.Ordinal);
        Assert.Matches("(done|stopped) ", text);
        var lines = File.ReadAllLines(Path.Combine(dir, "out.txt")).ToList();
        Directory.Delete(dir, recursive: true);
        return lines;
    }

    private static string Testbench(int count, int cyclesPerRecord)
    {
        var s = new StringBuilder();
        s.Append($$"""
            `timescale 1ns/1ps
            module tb;
                reg clk = 0, rst = 1, in_valid = 0;
                reg [{{RecordWords * 64 - 1}}:0] in_record = 0;
                wire ready, out_valid;
                wire [{{OutputWords * 64 - 1}}:0] out_words;
                SeqCore core (.clk(clk), .rst(rst), .in_valid(in_valid), .in_record(in_record), .ready(ready), .out_valid(out_valid), .out_words(out_words));
                always #5 clk = !clk;
                integer fin, fout, n, fed, cycles;
                // A broken core that loops forever stops here.
                integer limit = {{count * cyclesPerRecord + 10000}};
                reg [63:0] w1, w0;
                always @(posedge clk) if (out_valid) $fwrite(fout, "%h %h %h %h\n", out_words[255:192], out_words[191:128], out_words[127:64], out_words[63:0]);
                initial begin
                    fin = $fopen("records.txt", "r");
                    fout = $fopen("out.txt", "w");
                    fed = 0;
                    cycles = 0;
                    repeat (3) @(posedge clk);
                    rst <= 0;
                    while (fed < {{count}} && cycles < limit) begin
                        @(posedge clk);
                        cycles = cycles + 1;
                        in_valid <= 0;
                        if (ready && !in_valid) begin
                            n = $fscanf(fin, "%h %h\n", w1, w0);
                            in_record <= {w1, w0};
                            in_valid <= 1;
                            fed = fed + 1;
                        end
                    end
                    @(posedge clk);
                    in_valid <= 0;
                    // The last record's decision: the program is back at its Wait (ready falls when the
                    // record arrives, a cycle after in_valid: look after that).
                    repeat (4) @(posedge clk);
                    while (!ready && cycles < limit) begin
                        @(posedge clk);
                        cycles = cycles + 1;
                    end
                    repeat (2) @(posedge clk);
                    $fclose(fout);
                    if (cycles >= limit) $display("stopped after %0d cycles: %0d records given", cycles, fed);
                    else $display("done %0d records in %0d cycles", fed, cycles);
                    $finish;
                end
            endmodule

            """);
        return s.ToString();
    }
}
