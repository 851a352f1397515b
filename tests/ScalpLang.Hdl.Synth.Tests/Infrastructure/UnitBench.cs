using System.Globalization;
using System.Numerics;
using System.Text;

namespace ScalpLang.Hdl.Synth.Tests.Infrastructure;

/// <summary>
/// Runs a generated timing unit in iverilog on a list of operand sets, streaming: each set is
/// started in the first cycle the unit is ready, so consecutive results also show the unit's
/// interval. Returns each result with the cycle its done was seen.
/// </summary>
public static class UnitBench
{
    public sealed record Port(string Name, int Width, bool Signed);

    public sealed record Result(BigInteger Value, long DoneCycle);

    /// <returns>The results in order, and the cycle of the first accepted start.</returns>
    public static (List<Result> Results, long FirstStart) Run(TimingUnit unit, IReadOnlyList<Port> inputs, Port output, IReadOnlyList<BigInteger[]> operands)
    {
        var dir = Repo.Scratch("unit");
        var text = new StringBuilder();
        foreach (var set in operands)
            text.Append(string.Join(' ', set.Select((v, i) => Hex(v, inputs[i].Width)))).Append('\n');
        File.WriteAllText(Path.Combine(dir, "in.txt"), text.ToString());
        File.WriteAllText(Path.Combine(dir, "unit.v"), unit.Verilog);
        File.WriteAllText(Path.Combine(dir, "tb.v"), Testbench(unit, inputs, output));
        var (exit, log) = Repo.Run("iverilog", dir, "-g2005", "-o", "sim.vvp", "-s", "tb", "unit.v", "tb.v");
        Assert.True(exit == 0, log);
        (exit, log) = Repo.Run("vvp", dir, "-n", "sim.vvp");
        Assert.True(exit == 0, log);
        var results = new List<Result>();
        long firstStart = -1;
        foreach (var line in File.ReadLines(Path.Combine(dir, "out.txt")))
        {
            var f = line.Split(' ');
            if (f[0] == "start")
                firstStart = long.Parse(f[1], CultureInfo.InvariantCulture);
            else
                results.Add(new Result(BigInteger.Parse("0" + f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture)));
        }
        Directory.Delete(dir, recursive: true);
        return (results, firstStart);
    }

    /// <summary>Two's complement in <paramref name="width"/> bits, as hex digits.</summary>
    public static string Hex(BigInteger value, int width) => Mask(value, width).ToString("x", CultureInfo.InvariantCulture).TrimStart('0') is { Length: > 0 } h ? h : "0";

    public static BigInteger Mask(BigInteger value, int width) => value & ((BigInteger.One << width) - 1);

    private static string Testbench(TimingUnit unit, IReadOnlyList<Port> inputs, Port output)
    {
        string Decl(Port p) => $"reg {(p.Signed ? "signed " : "")}[{p.Width - 1}:0] {p.Name};";
        var scanFormat = string.Join(' ', inputs.Select(_ => "%h"));
        var scanArgs = string.Join(", ", inputs.Select(p => "next_" + p.Name));
        var assign = string.Join(" ", inputs.Select(p => $"{p.Name} = next_{p.Name};"));
        var ports = string.Join(", ", inputs.Select(p => $".{p.Name}({p.Name})"));
        return $$"""
            `timescale 1ns / 1ps
            module tb;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg start = 1'b0;
                {{string.Join("\n    ", inputs.Select(Decl))}}
                {{string.Join("\n    ", inputs.Select(p => Decl(p with { Name = "next_" + p.Name })))}}
                wire ready;
                wire done;
                wire [{{output.Width - 1}}:0] {{output.Name}};
                {{unit.ModuleName}} dut (.clk(clk), .rst(rst), .start(start), {{ports}}, .ready(ready), .done(done), .{{output.Name}}({{output.Name}}));
                always #5 clk <= ~clk;
                integer cycle = 0;
                always @(posedge clk) cycle <= cycle + 1;
                integer in_file;
                integer out_file;
                integer scanned;
                integer first = 1;
                initial begin
                    in_file = $fopen("in.txt", "r");
                    out_file = $fopen("out.txt", "w");
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    while (!$feof(in_file)) begin
                        scanned = $fscanf(in_file, "{{scanFormat}}\n", {{scanArgs}});
                        if (scanned == {{inputs.Count}}) begin
                            @(negedge clk);
                            while (!ready) @(negedge clk);
                            {{assign}}
                            start = 1'b1;
                            if (first) begin
                                $fwrite(out_file, "start %0d\n", cycle);
                                first = 0;
                            end
                        end
                    end
                    @(negedge clk);
                    start = 1'b0;
                    repeat ({{unit.Latency + 4}}) @(negedge clk);
                    $fclose(out_file);
                    $finish;
                end
                always @(posedge clk) begin
                    if (done) $fwrite(out_file, "%h %0d\n", {{output.Name}}, cycle);
                end
            endmodule
            """;
    }
}
