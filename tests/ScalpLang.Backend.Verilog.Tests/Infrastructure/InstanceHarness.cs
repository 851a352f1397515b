using System.Globalization;
using System.Text;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler.Ir;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>
/// Many parameter sets at once: the IL strategy is evaluated once per set, and one simulation
/// instantiates the module once per set (parameters as Verilog parameters), feeds every instance
/// one event (a Status record ending it) and prints each instance's decision.
/// </summary>
public static class InstanceHarness
{
    public sealed record Outcome(int Action, long Quantity);

    public static List<Outcome> Il(IrProgram program, IReadOnlyList<IReadOnlyDictionary<string, long>> sets)
    {
        var emitted = IlBackend.Emit(program);
        var (prototype, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        try
        {
            var outcomes = new List<Outcome>();
            var sink = new Sink();
            foreach (var set in sets)
            {
                var strategy = (CompiledStrategy)Activator.CreateInstance(prototype.GetType())!;
                foreach (var (name, raw) in set)
                    strategy.SetParameter(name, raw);
                strategy.Start();
                sink.Last = null;
                strategy.OnEvent(new MarketView(), sink);
                outcomes.Add(sink.Last is { } a ? new Outcome((int)a.Kind + 1, a.Quantity) : new Outcome(ActionCodes.None, 0));
            }
            return outcomes;
        }
        finally
        {
            context.Unload();
        }
    }

    public static List<Outcome> Simulated(IrProgram program, IReadOnlyList<IReadOnlyDictionary<string, long>> sets)
    {
        var emitted = VerilogBackend.Emit(program);
        var dir = Tools.Scratch("harness");
        File.WriteAllText(Path.Combine(dir, "module.v"), emitted.Module);
        File.WriteAllText(Path.Combine(dir, "harness.v"), Harness(emitted.ModuleName, sets));
        var (exit, output) = Tools.Run("iverilog", dir, "-g2005", "-o", "h.vvp", "-s", "harness", "module.v", "harness.v");
        Assert.True(exit == 0, output);
        (exit, output) = Tools.Run("vvp", dir, "-n", "h.vvp");
        Assert.True(exit == 0, output);
        var outcomes = new Outcome?[sets.Count];
        foreach (var line in output.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 4 && f[0] == "I")
                outcomes[int.Parse(f[1], CultureInfo.InvariantCulture)] = new Outcome(int.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
        }
        Directory.Delete(dir, recursive: true);
        Assert.All(outcomes, o => Assert.NotNull(o));
        return [.. outcomes.Select(o => o!)];
    }

    private static string Harness(string module, IReadOnlyList<IReadOnlyDictionary<string, long>> sets)
    {
        var sb = new StringBuilder();
        sb.Append("""
            `timescale 1ns / 1ps
            module harness;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg in_valid = 1'b0;
                always #5 clk = ~clk;

            """);
        for (var i = 0; i < sets.Count; i++)
        {
            var overrides = string.Join(", ", sets[i].Select(p => $".p_{p.Key}({VerilogText.Literal(p.Value, 64)})"));
            sb.Append(CultureInfo.InvariantCulture, $$"""
                    wire v{{i}}; wire [2:0] a{{i}}; wire signed [63:0] q{{i}};
                    /* verilator lint_off PINCONNECTEMPTY */
                    {{module}} #({{overrides}}) u{{i}} (.clk(clk), .rst(rst), .in_valid(in_valid), .in_delta(32'd0), .in_op(8'd4),
                        .in_marks(8'd1), .in_aux(16'd0), .in_price(32'd0), .in_size(32'd2), .out_valid(v{{i}}), .out_action(a{{i}}),
                        .out_decision(), .out_price(), .out_quantity(q{{i}}), .out_market(), .out_stand_aside(), .out_kill());
                    always @(posedge clk) if (v{{i}}) $display("I {{i}} %0d %0d", a{{i}}, q{{i}});

                """);
        }
        sb.Append("""
                initial begin
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    @(negedge clk);
                    in_valid = 1'b1;
                    @(negedge clk);
                    in_valid = 1'b0;
                    repeat (6) @(negedge clk);
                    $finish;
                end
            endmodule

            """);
        return sb.ToString();
    }

    private sealed class Sink : IActionSink
    {
        public StrategyAction? Last { get; set; }

        public void Submit(in StrategyAction action) => Last = action;
    }
}
