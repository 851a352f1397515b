namespace ScalpLang.Cli.Tests;

/// <summary>`scalp sim`: IL vs Verilog on one tape (needs iverilog, which test.sh installs).</summary>
[Trait("Category", "Simulator")]
public sealed class SimCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Fpga = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n" +
                                "rule r priority 1 when imbalance(levels: 3) > 0.2 and spread <= 2 ticks => buy 1 lot at bid\n";

    [Fact]
    public void Agreement_prints_the_count_and_exits_0()
    {
        var (exit, output, error) = Run("sim", Write(Fpga), "--data", "synthetic:seed=2,events=3000");
        Assert.True(exit == 0, error + output);
        Assert.Matches(@"^\d+ events, 0 mismatches", output);
    }

    [Fact]
    public void Timings_follow_the_usual_output_one_line_per_phase()
    {
        var (exit, output, error) = Run("sim", Write(Fpga), "--data", "synthetic:seed=2,events=3000", "--timings");
        Assert.True(exit == 0, error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\d+ events, 0 mismatches$", lines[0]);
        Assert.StartsWith("IL ", lines[1]);
        Assert.Equal("timings:", lines[2]);
        string[] phases = ["data -> tape", "emit (Verilog + IL)", "IL host run", "simulator tape (hex)", "iverilog build", "simulation", "compare", "total (the whole command)"];
        Assert.Equal(phases.Length, lines.Length - 3);
        for (var i = 0; i < phases.Length; i++)
            Assert.Matches(@"^  " + System.Text.RegularExpressions.Regex.Escape(phases[i]) + @" +\d+\.\d\d s$", lines[3 + i]);
        // Without the flag the output is what it was: the summary and the times line.
        var (_, plain, _) = Run("sim", Write(Fpga), "--data", "synthetic:seed=2,events=3000");
        Assert.Equal(2, plain.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_strategy_the_hardware_cannot_build_exits_1_with_SL5xxx()
    {
        File.WriteAllText(Path.Combine(_dir, "signals.csx"), "public static bool tight(Ticks spread, Ticks limit) => spread <= limit;\n");
        var csharp = Fpga.Replace("rule r", "import \"signals.csx\"\nrule r").Replace("spread <= 2 ticks", "tight(spread, 2 ticks)");
        var (exit, _, error) = Run("sim", Write(csharp));
        Assert.Equal(1, exit);
        Assert.Contains("error SL5040", error);
    }

    [Fact]
    public void Usage_and_IO_problems_exit_2()
    {
        Assert.Equal(2, Run("sim", Write(Fpga), "--simulator", "modelsim").Exit);
        Assert.Equal(2, Run("sim", Path.Combine(_dir, "missing.scalp")).Exit);
        Assert.Equal(2, Run("sim", Write(Fpga), "--data", "tape:" + Path.Combine(_dir, "missing.tape")).Exit);
        var shallow = Path.Combine(_dir, "shallow.tape");
        Assert.Equal(0, Run("tape", "--data", "synthetic:seed=1,events=200", "-o", shallow, "--depth", "1").Exit);
        var (exit, _, error) = Run("sim", Write(Fpga), "--data", "tape:" + shallow);
        Assert.Equal(2, exit);
        Assert.Contains("fewer than the strategy's book depth 5", error);
    }
}
