using System.Text.Json;
using ScalpLang.Cli;

namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// The scalp command end to end on the ONNX example (examples/onnx/deep_lob_scalper.scalp) on
/// synthetic data, and its refusals: Verilog and sim (SL5005), a missing or corrupt model file
/// (SL2046, SL2054), and a model file that disappears after the build: each a clear message and
/// a non-zero exit, never a crash.
/// </summary>
public sealed class CliTests : IDisposable
{
    private const string Data = "synthetic:seed=3,events=20000";
    private readonly OnnxFixtures _scratch = new();

    private static string Example => Path.Combine(GoldenModels.Root, "examples", "onnx", "deep_lob_scalper.scalp");

    public void Dispose() => _scratch.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void The_example_backtests_and_its_models_decide()
    {
        var (exit, output, error) = Run("backtest", Example, "--data", Data, "--json");
        Assert.True(exit == 0, error);
        var report = Json(output);
        Assert.Equal("DeepLobScalper", report.GetProperty("strategy").GetString());
        Assert.Equal(20_000, report.GetProperty("events").GetInt64());
        Assert.True(report.GetProperty("orders").GetInt64() > 10, output);
        Assert.True(report.GetProperty("round_trips").GetInt64() > 0, output);

        // A threshold the LSTM never reaches and a sell side the CNN never allows: no trade at all.
        var strict = Run("backtest", Example, "--data", Data, "--json", "--param", "p_min=0.95");
        Assert.Equal(0, strict.Exit);
        Assert.Equal(0, Json(strict.Out).GetProperty("orders").GetInt64());
    }

    [Fact]
    public void A_built_dll_backtests_like_its_source_and_sweeps()
    {
        var dll = Path.Combine(_scratch.Folder, "deep.dll");
        var build = Run("build", Example, "-o", dll);
        Assert.True(build.Exit == 0, build.Err);
        var fromSource = Run("backtest", Example, "--data", Data, "--json");
        var fromDll = Run("backtest", dll, "--data", Data, "--json");
        Assert.True(fromDll.Exit == 0, fromDll.Err);
        Assert.Equal(Json(fromSource.Out).GetProperty("net_pnl").GetDecimal(), Json(fromDll.Out).GetProperty("net_pnl").GetDecimal());
        Assert.Equal(Json(fromSource.Out).GetProperty("orders").GetInt64(), Json(fromDll.Out).GetProperty("orders").GetInt64());

        var sweep = Run("backtest", dll, "--data", "synthetic:seed=3,events=5000", "--sweep", "p_min=0.45..0.55:0.05", "--cluster", "none", "--json");
        Assert.True(sweep.Exit == 0, sweep.Err);
        var points = Json(sweep.Out).EnumerateArray().Select(p => p.GetProperty("orders").GetInt64()).ToList();
        Assert.Equal(3, points.Count);
        Assert.True(points[0] > points[2], $"a higher p_min should trade less: {string.Join(", ", points)}");
    }

    [Fact]
    public void The_verilog_target_and_sim_refuse_an_onnx_model_with_SL5005()
    {
        var build = Run("build", Example, "--target", "verilog", "-o", Path.Combine(_scratch.Folder, "v"));
        Assert.Equal(1, build.Exit);
        Assert.Contains("error SL5005: model 'trend' is not synthesizable: an ONNX model runs on the CPU target only", build.Err, StringComparison.Ordinal);
        Assert.Contains("deep_lob_scalper.scalp:18:7", build.Err, StringComparison.Ordinal);
        var sim = Run("sim", Example, "--data", "synthetic:seed=3,events=1000");
        Assert.Equal(1, sim.Exit);
        Assert.Contains("error SL5005", sim.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_corrupt_model_file_is_a_diagnostic_and_exit_1()
    {
        var missing = _scratch.WriteStrategy("""
            model deep = "nowhere/deep.onnx" features [spread] history 5
            rule go priority 1 when deep > 0.5 => buy 1 lot at market
            """, "missing.scalp");
        foreach (var command in new[] { "check", "build", "backtest" })
        {
            var result = Run(command, missing);
            Assert.Equal(1, result.Exit);
            Assert.Contains("missing.scalp:4:14: error SL2046: model 'deep': no model file 'nowhere/deep.onnx'", result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        }

        _scratch.Write("corrupt.onnx", [0x08, 0x07, 0xFF, 0xFF, 0x12]);
        var corrupt = _scratch.WriteStrategy("""
            model deep = "corrupt.onnx" features [spread]
            rule go priority 1 when deep > 0.5 => buy 1 lot at market
            """, "corrupt.scalp");
        var checkedCorrupt = Run("check", corrupt);
        Assert.Equal(1, checkedCorrupt.Exit);
        Assert.Contains("error SL2054: model 'deep': 'corrupt.onnx' is not a readable ONNX model", checkedCorrupt.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_gone_or_changed_after_the_build_stops_the_run_with_a_clear_error()
    {
        var model = _scratch.Write("p.onnx", GoldenModels.Logistic(2));
        var source = _scratch.WriteStrategy("""
            model p = "p.onnx" features [spread, imbalance(levels: 1)]
            rule go priority 1 when p > 0.5 => buy 1 lot at market
            """);
        var dll = Path.Combine(_scratch.Folder, "p.dll");
        Assert.Equal(0, Run("build", source, "-o", dll).Exit);

        // A different network in its place: it no longer fits the compiled declaration.
        File.WriteAllBytes(model, GoldenModels.Logistic(3));
        var changed = Run("backtest", dll, "--data", "synthetic:seed=1,events=1000");
        Assert.NotEqual(0, changed.Exit);
        Assert.Contains("model 'p'", changed.Err, StringComparison.Ordinal);
        Assert.Contains("changed since the strategy was built", changed.Err, StringComparison.Ordinal);

        File.Delete(model);
        var gone = Run("backtest", dll, "--data", "synthetic:seed=1,events=1000");
        Assert.NotEqual(0, gone.Exit);
        Assert.Contains("model 'p': no model file", gone.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gone.Err, StringComparison.Ordinal);
    }
}
