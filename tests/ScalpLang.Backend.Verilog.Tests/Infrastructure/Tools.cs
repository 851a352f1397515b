using System.Diagnostics;
using ScalpLang.Backtest;

namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>External tools (test.sh installs them) and scratch tapes for the simulator tier.</summary>
public static class Tools
{
    /// <summary>Runs a tool; returns its exit status and its combined output.</summary>
    public static (int Exit, string Output) Run(string file, string workDir, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    public static string Scratch(string name) => Directory.CreateTempSubdirectory($"scalp-verilog-{name}-").FullName;

    /// <summary>A synthetic tape (the default data source) at <paramref name="depth"/> levels.</summary>
    public static string SyntheticTape(string folder, int seed, int sourceEvents, int depth) =>
        Tape(folder, "synthetic.tape", $"synthetic:seed={seed},events={sourceEvents}", depth);

    /// <summary>Any data spec (DESIGN.md §6) recorded as a tape at <paramref name="depth"/> levels.</summary>
    public static string Tape(string folder, string name, string spec, int depth)
    {
        var path = Path.Combine(folder, name);
        Assert.True(DataSpec.TryParse(spec, out var data, out var specError), specError);
        var summary = TapeExport.Write(data, null, path, depth, out var error);
        Assert.True(summary is not null, error);
        return path;
    }

    /// <summary>
    /// Runs a self-checking vector testbench in iverilog: writes <paramref name="verilog"/> and the
    /// vector lines (the testbench reads vectors.txt and writes out.txt), simulates
    /// <paramref name="top"/> and returns out.txt's lines, one per vector.
    /// </summary>
    /// <param name="group">
    /// Only for a testbench whose every line depends on its vector alone (combinational, or an
    /// evaluation that loads all its state from the vector): the vectors are simulated grouped by this
    /// key of their index (a stable order, see <see cref="Signs"/>) and the lines returned in the
    /// caller's order.
    /// </param>
    public static List<string> SimulateVectors(string name, string verilog, string top, IReadOnlyList<string> vectorLines, Func<int, int>? group = null)
    {
        var order = Enumerable.Range(0, vectorLines.Count).ToArray();
        if (group is not null)
            order = [.. order.OrderBy(group)];
        var dir = Scratch(name);
        File.WriteAllText(Path.Combine(dir, name + ".v"), verilog);
        File.WriteAllLines(Path.Combine(dir, "vectors.txt"), order.Select(i => vectorLines[i]));
        var (exit, output) = Run("iverilog", dir, "-o", "sim", "-s", top, name + ".v");
        Xunit.Assert.True(exit == 0, output);
        (exit, output) = Run("vvp", dir, "-n", "sim");
        Xunit.Assert.True(exit == 0, output);
        var simulated = File.ReadAllLines(Path.Combine(dir, "out.txt"));
        Xunit.Assert.Equal(vectorLines.Count, simulated.Length);
        Directory.Delete(dir, recursive: true);
        var lines = new string[simulated.Length];
        for (var k = 0; k < order.Length; k++)
            lines[order[k]] = simulated[k];
        return [.. lines];
    }

    /// <summary>
    /// A <see cref="SimulateVectors"/> group: which operands are negative. iverilog builds a sign
    /// extension {n{x[k]}} from n one-bit concat inputs and vvp passes each one on, so a flip of an
    /// operand's sign re-evaluates the wide logic after it up to n times: over vectors of random signs
    /// that was ~7/8 of a run (2008 drawdown comparison vectors: 13.4 s of vvp, 1.6 s grouped).
    /// </summary>
    public static int Signs(params long[] operands) => operands.Aggregate(0, (key, x) => 2 * key + (x < 0 ? 1 : 0));

    /// <summary>
    /// A vector testbench for <see cref="SimulateVectors"/>: reads three hex operands a line from
    /// vectors.txt into the registers <paramref name="operands"/> (declared by
    /// <paramref name="declarations"/>), lets the combinational <paramref name="instance"/> settle
    /// and writes <paramref name="output"/> (a $fwrite format and its arguments) a line to out.txt.
    /// </summary>
    public static string ThreeOperandTestbench(string top, string declarations, string instance, (string A, string B, string C) operands, string output)
    {
        var (a, b, c) = operands;
        return $$"""
            module {{top}};
                {{declarations}}
                integer fin, fout, n;
                {{instance}}
                initial begin
                    fin = $fopen("vectors.txt", "r");
                    fout = $fopen("out.txt", "w");
                    n = $fscanf(fin, "%h %h %h\n", {{a}}, {{b}}, {{c}});
                    while (n == 3) begin
                        #1 $fwrite(fout, {{output}});
                        n = $fscanf(fin, "%h %h %h\n", {{a}}, {{b}}, {{c}});
                    end
                    $fclose(fout);
                    $finish;
                end
            endmodule

            """;
    }
}
