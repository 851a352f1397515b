using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// A strategy module around the sequential core (hdl-backend/README.md, "The sequential core"):
/// the parallel module's ports (the tape record in, the decision's <c>out_*</c> out), so that its
/// testbenches, the Verilator harness and <c>scalp sim</c> drive it unchanged. The core runs the
/// strategy's program (<see cref="SequentialStrategy"/>); its time a record varies with the path
/// the record takes, so the module states bounds from <see cref="MicroTiming"/>:
/// <list type="bullet">
/// <item>RECORD_INTERVAL: in_valid high at most once every so many cycles (the core is back at its
/// Wait by then, whatever the record);</item>
/// <item>LATENCY: the decision of a record that carries EndOfEvent, sampled at rising edge k, is in
/// out_* with out_valid high after rising edge k + LATENCY - 1, every time: the core's decision waits
/// in its output words until then.</item>
/// </list>
/// Both are checked in simulation (an ERROR: line): a record while the core is busy, a decision not
/// ready when due.
/// </summary>
internal static class SequentialModuleWriter
{
    /// <summary>
    /// A Wait takes a record in its X2 stage, which it reaches every 1 + BranchDelaySlots cycles while
    /// it waits: the record may wait that long, less one.
    /// </summary>
    private const int WaitPhase = CorePipeline.BranchDelaySlots;

    /// <summary>From the Emit's X2 cycle to the module's out_* registers, with a cycle to spare for the simulation's check.</summary>
    private const int EmitToOutput = 4;

    /// <summary>From the sampling edge to the Wait's X2 cycle (arrived registered), and from the next Wait's X2 to ready.</summary>
    private const int RecordToWait = 2;

    public readonly record struct Timing(int Latency, int RecordInterval, int ResetIdle);

    /// <summary>The module's parameter list (<c>#(...)</c> or empty), its fixed params as localparam lines, and the core's <c>#(...)</c>.</summary>
    private readonly record struct Parameters(string Header, string Fixed, string CoreOverrides);

    private static Parameters ParametersOf(IrProgram program, MicroProgram micro)
    {
        var inCore = new HashSet<string>(micro.Params?.Values ?? []);
        var structural = SequentialStrategy.StructuralParams(program);
        var declared = new List<string>();
        var overrides = new List<string>();
        var fix = new StringBuilder();
        if (inCore.Contains(SequentialPortfolio.CapitalParam))
        {
            var capital = micro.ParamList.Single(p => p.Name == SequentialPortfolio.CapitalParam).Default >> 16;
            declared.Add($"{StrategyParams.CapitalComment}    parameter signed [63:0] CAPITAL_TICK_LOTS = {VerilogText.Literal(capital, 64)}");
            overrides.Add($".{SequentialPortfolio.CapitalParam}(CAPITAL_TICK_LOTS <<< 16)");
        }
        for (var index = 0; index < program.Params.Length; index++)
        {
            var info = program.Params[index];
            var name = StrategyParams.Name(info);
            if (structural.Contains(index))
            {
                fix.Append(CultureInfo.InvariantCulture, $"    {StrategyParams.Declaration(info, "localparam")};   // param {info.Name}: the program is built from it (fixed at build)\n");
                continue;
            }
            var read = inCore.Contains(name);
            declared.Add($"    // param {info.Name}: {info.Type}{(read ? "" : " (no decision reads it)")}\n{(read ? "" : "    /* verilator lint_off UNUSEDPARAM */\n")}    {StrategyParams.Declaration(info)}{(read ? "" : "\n    /* verilator lint_on UNUSEDPARAM */")}");
            if (read)
                overrides.Add(info.Type.Kind == TypeKind.Bool ? $".{name}({{63'd0, {name}}})" : $".{name}({name})");
        }
        // A comma after each declaration but the last, before a lint comment that may follow it.
        var header = declared.Count == 0 ? "" : " #(\n" + string.Join("\n", declared.Select((d, i) => i + 1 < declared.Count ? CommaAfterDeclaration(d) : d)) + "\n)";
        return new(header, fix.ToString(), overrides.Count == 0 ? "" : "#(" + string.Join(", ", overrides) + ") ");
    }

    private static string CommaAfterDeclaration(string declaration)
    {
        var lint = declaration.IndexOf("\n    /* verilator lint_on", StringComparison.Ordinal);
        return lint < 0 ? declaration + "," : declaration[..lint] + "," + declaration[lint..];
    }

    /// <summary>The module's LATENCY, RECORD_INTERVAL and RESET_IDLE (the program's start to its first Wait's X2, and ready) for a program's bounds.</summary>
    public static Timing TimingOf(MicroTiming.Bounds bounds) =>
        new(RecordToWait + WaitPhase + bounds.WaitToEmit + EmitToOutput, RecordToWait + WaitPhase + bounds.WaitToWait + RecordToWait,
            bounds.StartToWait + WaitPhase + 2 * RecordToWait);

    public static string Write(IrProgram program, MicroProgram micro, int levels, string sourceName)
    {
        var bounds = MicroTiming.Of(micro);
        var timing = TimingOf(bounds);
        var name = program.Name;
        var core = name + "_core";
        var s = new StringBuilder();
        s.Append(SequentialCoreWriter.Write(core, micro));
        s.Append('\n');
        string D(int value) => value.ToString(CultureInfo.InvariantCulture);
        var parameters = ParametersOf(program, micro);
        var dueBits = Math.Max(1, (int)Math.Ceiling(Math.Log2(timing.Latency + 1)));
        s.Append($$"""
            // {{name}}: generated by `scalp build --target verilog --core sequential` from {{sourceName}}. Do not edit.
            //
            // The strategy as a program of the sequential core ({{core}}, above: {{D(micro.Instructions.Count)}} instructions,
            // {{D(micro.InitialRegisters.Count)}} constants), behind the ports of the parallel module. Input contract:
            // in_valid high at most once every RECORD_INTERVAL = {{D(timing.RecordInterval)}} cycles (a record's longest path
            // is {{D(bounds.WaitToWait)}} cycles of the core's). The record that carries EndOfEvent, sampled at rising
            // edge k, has its decision in out_* (out_valid high) after rising edge k+{{D(timing.Latency - 1)}}: LATENCY = {{D(timing.Latency)}}
            // (the longest path to the decision is {{D(bounds.WaitToEmit)}} cycles; a decision ready sooner waits). After
            // reset the program clears its state: in_valid stays low for RESET_IDLE = {{D(timing.ResetIdle)}} cycles after rst falls.
            // An EndOfEvent Fill record's evaluation (after our own fill) takes the same LATENCY.
            // The book keeps {{D(levels)}} levels per side (the tape's N); the strategy's book depth is {{D(program.BookDepth)}}.
            // Params are module parameters as in the parallel module, passed to the core, whose registers start at
            // their values; a param the program is built from (a depth's or a window's levels, a window's length) is a
            // localparam: its default is in the program's code.
            // out_action: 0 none, 1 buy, 2 sell, 3 wait, 4 cancel_all, 5 flatten, 6 kill (the ABI's ActionKind + 1);
            // out_decision: the index of the decision that acted, 16'hFFFF for none; out_price, out_quantity: raw
            // Q47.16; out_market: a market order; out_stand_aside: ns; out_kill: a kill decision acted (latched until rst).
            `default_nettype none
            module {{name}}{{parameters.Header}}{{StrategyPorts.List}}                // For integrators and testbenches; the logic does not read them.
                /* verilator lint_off UNUSEDPARAM */
            {{parameters.Fixed}}
                localparam integer LATENCY = {{D(timing.Latency)}};
                localparam integer BOOK_LEVELS = {{D(levels)}};
                localparam integer {{RecordIdleContract.IntervalName}} = {{D(timing.RecordInterval)}};   // in_valid high at most once every RECORD_INTERVAL cycles
                localparam integer {{RecordIdleContract.ResetIdleName}} = {{D(timing.ResetIdle)}};   // in_valid low this many cycles after reset
                /* verilator lint_on UNUSEDPARAM */

                // Sliced orders are not run by the core: always none.
                always @(posedge clk) begin
                    out_algo <= 2'd0;
                    out_slice_over <= 64'sd0;
                    out_slices <= 64'sd0;
                end

                /* verilator lint_off UNUSEDSIGNAL */ // the core's ready is the contract the simulation checks; word 0's spare bits
                wire core_ready;
                wire core_valid;
                wire [255:0] core_words;
                /* verilator lint_on UNUSEDSIGNAL */
                {{core}} {{parameters.CoreOverrides}}core (
                    .clk(clk), .rst(rst),
                    .in_valid(in_valid), .in_record({in_size, in_price, in_aux, in_marks, in_op, in_delta}),
                    .ready(core_ready), .out_valid(core_valid), .out_words(core_words));

                // The decision leaves LATENCY cycles after its record: due counts down to it (0: none pending).
                reg [{{D(dueBits - 1)}}:0] due;
                wire eval_final = due == {{D(dueBits)}}'d1;   // the decision registers at the next edge
                always @(posedge clk) begin
                    if (rst) begin
                        due <= {{D(dueBits)}}'d0;
                        out_valid <= 1'b0;
                        out_action <= 3'd0;
                        out_decision <= 16'hFFFF;
                        out_price <= 64'sd0;
                        out_quantity <= 64'sd0;
                        out_market <= 1'b0;
                        out_stand_aside <= 64'sd0;
                        out_kill <= 1'b0;
                    end else begin
                        if (in_valid && in_marks[0]) due <= {{D(dueBits)}}'d{{D(timing.Latency - 1)}};
                        else if (due != {{D(dueBits)}}'d0) due <= due - {{D(dueBits)}}'d1;
                        out_valid <= eval_final;
                        if (eval_final) begin
                            // Word 0: {kill, market, decision (16 bits), action (8 bits)}; then price, quantity, stand-aside.
                            out_action <= core_words[2:0];
                            out_decision <= core_words[23:8];
                            out_market <= core_words[24];
                            out_kill <= core_words[25];
                            out_price <= core_words[127:64];
                            out_quantity <= core_words[191:128];
                            out_stand_aside <= core_words[255:192];
                        end
                    end
                end
            `ifndef SYNTHESIS
                // The contract and the bounds, checked in simulation.
                reg emitted;   // the core emitted the pending record's decision
                always @(posedge clk) begin
                    if (rst || (in_valid && in_marks[0])) emitted <= 1'b0;
                    else if (core_valid) emitted <= 1'b1;
                    if (!rst && in_valid && !core_ready)
                        $display("{{RecordIdleContract.IntervalViolationReport}}: %m: the core is still busy with the last record at %0t (RECORD_INTERVAL = {{D(timing.RecordInterval)}})", $time);
                    if (!rst && eval_final && !emitted)
                        $display("ERROR: %m: the core's decision was not ready at LATENCY = {{D(timing.Latency)}} (at %0t)", $time);
                end
            `endif
            endmodule
            `default_nettype wire

            """);
        return s.ToString();
    }
}
