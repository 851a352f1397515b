using System.Text.Json;
using ScalpLang.Cli.Commands;

namespace ScalpLang.Cli.Tests;

/// <summary>`scalp synth`: usage errors, refused strategies, missing tools, and (simulator tier) a report and a bitstream.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-synth-").FullName;

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

    private static string Root { get; } = FindRoot();

    private const string Fpga = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 2\n" +
                                "rule r priority 1 when bid_depth(levels: 2) > ask_depth(levels: 2) and spread <= 2 ticks => buy 1 lot at bid\n";

    [Fact]
    public void Usage_problems_exit_2_with_the_reason()
    {
        var file = Write(Fpga);
        Assert.Contains("--device ecp5 is not known", Expect(2, "synth", file, "--device", "ecp5"));
        Assert.Contains("needs the board's pins: give --pcf", Expect(2, "synth", file, "-o", Path.Combine(_dir, "x.bin")));
        Assert.Contains("no such file", Expect(2, "synth", file, "--pcf", Path.Combine(_dir, "none.pcf"), "-o", Path.Combine(_dir, "x.bin")));
        Assert.Contains("--freq 0", Expect(2, "synth", file, "--freq", "0"));
        Assert.Contains("--seed -1: give 0 or more", Expect(2, "synth", file, "--seed", "-1"));
        Assert.Contains("--interval 17: give 1..16", Expect(2, "synth", file, "--interval", "17"));
        Assert.Contains("--interval applies to a strategy", Expect(2, "synth", "--unit", "div", "--interval", "4"));
        Assert.Contains("no such file", Expect(2, "synth", Path.Combine(_dir, "missing.scalp")));
        Assert.Contains("not both or neither", Expect(2, "synth"));
        Assert.Contains("not both or neither", Expect(2, "synth", file, "--unit", "div"));
        Assert.Contains("--unit mul is not known", Expect(2, "synth", "--unit", "mul"));
        Assert.Contains("--unit div:64/64/64/16/0: BitsPerCycle must be 1..8", Expect(2, "synth", "--unit", "div:64/64/64/16/0"));
    }

    [Fact]
    public void A_strategy_the_hardware_cannot_build_exits_1_with_SL5xxx()
    {
        File.WriteAllText(Path.Combine(_dir, "signals.csx"), "public static bool tight(Ticks spread, Ticks limit) => spread <= limit;\n");
        var csharp = Fpga.Replace("rule r", "import \"signals.csx\"\nrule r").Replace("spread <= 2 ticks", "tight(spread, 2 ticks)");
        var error = Expect(1, "synth", Write(csharp));
        Assert.Contains("error SL5040", error);
    }

    [Fact]
    public void A_missing_tool_exits_2_naming_it()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = SynthCommand.Run(new SynthCommand.Request(Write(Fpga), "hx8k", false, null, null, null, 12, 60, SearchPath: _dir), stdout, stderr);
        Assert.Equal(2, exit);
        Assert.Equal("scalp synth: yosys is not installed (test.sh installs it: apt-get install yosys)\n", stderr.ToString());
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Json_report_of_a_small_strategy()
    {
        var (exit, output, error) = Run("synth", Write(Fpga), "--json", "--device", "up5k");
        Assert.True(exit == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal("T", r.GetProperty("strategy").GetString());
        Assert.Equal("sg48", r.GetProperty("package").GetString());
        Assert.True(r.GetProperty("luts").GetInt32() > 0, output);
        Assert.True(r.GetProperty("flip_flops").GetInt32() > 0, output);
        Assert.True(r.GetProperty("fmax_mhz").GetDouble() > 0, output);
        Assert.Equal(3, r.GetProperty("latency_cycles").GetInt32());
        // Placed in the narrow top: the record interval it costs nothing (VerilogOptions.MaxRecordInterval).
        Assert.Equal(16, r.GetProperty("record_interval").GetInt32());
        Assert.Equal(3 * 1000 / r.GetProperty("fmax_mhz").GetDouble(), r.GetProperty("latency_ns").GetDouble(), 1);
        Assert.Equal(JsonValueKind.Null, r.GetProperty("bitstream").ValueKind);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Bitstream_for_the_breakout_board()
    {
        var pcf = Path.Combine(Root, "hdl-backend", "ScalpLang.Hdl.Synth", "boards", "ice40-hx8k-breakout.pcf");
        var bin = Path.Combine(_dir, "t.bin");
        var work = Path.Combine(_dir, "work");
        var (exit, output, error) = Run("synth", Write(Fpga), "--pcf", pcf, "-o", bin, "--work", work);
        Assert.True(exit == 0, error + output);
        Assert.Contains($"bitstream: {bin}", output);
        // An HX8K bitstream is 135,100 bytes whatever the design.
        Assert.Equal(135_100, new FileInfo(bin).Length);
        Assert.True(File.Exists(Path.Combine(work, "T_top.v")) && File.Exists(Path.Combine(work, "nextpnr.log")));
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void A_timing_unit_alone()
    {
        var (exit, output, error) = Run("synth", "--unit", "div:24/12/24/0/1", "--json");
        Assert.True(exit == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal("scalp_div_n24_d12_q24_f0_r1", r.GetProperty("strategy").GetString());
        Assert.True(r.GetProperty("luts").GetInt32() > 0 && r.GetProperty("carries").GetInt32() > 0, output);
        Assert.True(r.GetProperty("fmax_mhz").GetDouble() > 0, output);
        Assert.Equal(25, r.GetProperty("latency_cycles").GetInt32());
    }

    private static string Expect(int code, params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.True(exit == code, $"exit {exit}: {error}{output}");
        return error;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find ScalpLang.sln above " + AppContext.BaseDirectory);
    }
}
