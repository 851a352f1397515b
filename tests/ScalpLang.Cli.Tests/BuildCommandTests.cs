namespace ScalpLang.Cli.Tests;

/// <summary>`scalp build`: the IR listing, the IL and Verilog targets, the hex tape, and clear refusals.</summary>
public sealed class BuildCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-build-").FullName;

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

    private const string Valid = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\nrule r priority 1 when spread <= 1 tick => buy 1 lot at market\n";

    [Fact]
    public void Emit_ir_prints_the_listing()
    {
        var (exit, output, error) = Run("build", Write(Valid), "--emit", "ir");
        Assert.True(exit == 0, error);
        Assert.Contains("strategy T", output);
        Assert.Contains("= input best_ask", output);
        Assert.Contains("rule priority 1 r when", output);
    }

    [Fact]
    public void Emit_ir_to_a_file()
    {
        var target = Path.Combine(_dir, "out.ir");
        var (exit, output, _) = Run("build", Write(Valid), "--emit", "ir", "-o", target);
        Assert.Equal(0, exit);
        Assert.Equal("", output);
        Assert.Contains("decisions", File.ReadAllText(target));
    }

    [Fact]
    public void Errors_stop_the_build_with_exit_1()
    {
        var (exit, output, error) = Run("build", Write(Valid.Replace("spread", "sprad")), "--emit", "ir");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("SL2001", error);
    }

    [Fact]
    public void Unknown_targets_and_emits_are_usage_errors()
    {
        var (exit, _, error) = Run("build", Write(Valid), "--target", "vhdl");
        Assert.Equal(2, exit);
        Assert.Contains("--target il or --target verilog", error);
        Assert.Equal(2, Run("build", Write(Valid), "--emit", "verilog").Exit);
        Assert.Equal(2, Run("build", Path.Combine(_dir, "missing.scalp"), "--emit", "ir").Exit);
    }

    [Fact]
    public void Pipeline_stages_go_into_the_module_and_out_of_range_is_a_usage_error()
    {
        var folder = Path.Combine(_dir, "piped");
        var (exit, _, error) = Run("build", Write(Valid), "--target", "verilog", "-o", folder, "--pipeline", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("localparam integer LATENCY = 5;", File.ReadAllText(Path.Combine(folder, "T.v")), StringComparison.Ordinal);
        (exit, _, error) = Run("build", Write(Valid), "--target", "verilog", "-o", folder, "--pipeline", "17");
        Assert.Equal(2, exit);
        Assert.Contains("--pipeline 17: give 0..16 register stages", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("sim", Write(Valid), "--pipeline", "-1").Exit);
        (exit, _, error) = Run("synth", Write(Valid), "--pipeline", "40");
        Assert.Equal(2, exit);
        Assert.Contains("--pipeline 40", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "0")]
    [InlineData("build", "17")]
    [InlineData("sim", "0")]
    [InlineData("sim", "-3")]
    [InlineData("synth", "0")]
    public void A_record_interval_out_of_range_is_a_usage_error_naming_the_option(string command, string interval)
    {
        string[] target = command == "build" ? ["--target", "verilog", "-o", Path.Combine(_dir, "interval")] : [];
        var (exit, _, error) = Run([command, Write(Valid), .. target, "--interval", interval]);
        Assert.Equal(2, exit);
        Assert.Contains($"scalp {command}: --interval {interval}: give 1..16 cycles a record", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_verilog_writes_the_module_and_its_testbench()
    {
        var folder = Path.Combine(_dir, "hw");
        var (exit, output, error) = Run("build", Write(Valid), "--target", "verilog", "-o", folder);
        Assert.True(exit == 0, error);
        Assert.Contains("T.v", output);
        Assert.Contains("module T", File.ReadAllText(Path.Combine(folder, "T.v")));
        Assert.Contains("module T_tb", File.ReadAllText(Path.Combine(folder, "T_tb.v")));
    }

    [Fact]
    public void Core_sequential_writes_the_module_around_the_core_and_a_wrong_core_is_a_usage_error()
    {
        var folder = Path.Combine(_dir, "seq");
        var (exit, _, error) = Run("build", Write(Valid), "--target", "verilog", "--core", "sequential", "-o", folder);
        Assert.True(exit == 0, error);
        var module = File.ReadAllText(Path.Combine(folder, "T.v"));
        Assert.Contains("module T_core", module, StringComparison.Ordinal);
        Assert.Contains("localparam integer RECORD_INTERVAL", module, StringComparison.Ordinal);
        Assert.Contains("repeat (", File.ReadAllText(Path.Combine(folder, "T_tb.v")), StringComparison.Ordinal);
        var (wrong, _, message) = Run("build", Write(Valid), "--target", "verilog", "--core", "serial", "-o", folder);
        Assert.Equal(2, wrong);
        Assert.Contains("scalp build: --core serial: give parallel or sequential", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_verilog_refuses_what_it_cannot_build_with_SL5xxx()
    {
        // A C# function is CPU code (an .onnx model, SL5004, is the other refusal: RefusalTests).
        File.WriteAllText(Path.Combine(_dir, "signals.csx"), "public static bool tight(Ticks spread, Ticks limit) => spread <= limit;\n");
        var csharp = Valid.Replace("rule r", "import \"signals.csx\"\nrule r").Replace("spread <= 1 tick", "tight(spread, 1 tick)");
        var (exit, _, error) = Run("build", Write(csharp), "--target", "verilog", "-o", Path.Combine(_dir, "hw"));
        Assert.Equal(1, exit);
        Assert.Contains("error SL5040", error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "hw")));
    }

    [Fact]
    public void Emit_tape_writes_one_hex_record_per_line()
    {
        var hex = Path.Combine(_dir, "t.hex");
        var (exit, output, error) = Run("build", Write(Valid), "--emit", "tape", "--data", "synthetic:seed=1,events=200", "-o", hex);
        Assert.True(exit == 0, error);
        Assert.Contains("5 levels", output);
        var lines = File.ReadAllLines(hex);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches("^[0-9a-f]{32}$", l));
        Assert.Equal(2, Run("build", "--emit", "tape", "--data", "synthetic").Exit);
    }

    [Fact]
    public void Build_writes_a_loadable_dll_beside_the_source()
    {
        var source = Write(Valid);
        var (exit, output, error) = Run("build", source);
        Assert.True(exit == 0, error);
        var dll = Path.ChangeExtension(source, ".dll");
        Assert.Contains(dll, output);
        var (strategy, context) = ScalpLang.Backend.Il.StrategyLoader.LoadFile(dll);
        Assert.Equal("T", strategy.Metadata.Name);
        context.Unload();
    }
}
