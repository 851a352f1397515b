using System.Text.Json;

namespace ScalpLang.Cli.Tests;

/// <summary>A strategy compiled by `scalp build` runs as the deployable .dll: same parameters, same backtest as its source.</summary>
public sealed class CompiledDllTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-dll-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private static string Example()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return Path.Combine(dir, "examples", "spread_breakout.scalp");
    }

    private static string WithoutTiming(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return string.Join(",", root.EnumerateObject().Where(p => p.Name is not ("elapsed_ms" or "events_per_second")).Select(p => $"{p.Name}={p.Value}"));
    }

    [Fact]
    public void A_built_dll_backtests_like_its_source()
    {
        var dll = Path.Combine(_dir, "sb.dll");
        Assert.Equal(0, Run("build", Example(), "-o", dll).Exit);
        var fromSource = Run("backtest", Example(), "--data", "synthetic:seed=4,events=50000", "--param", "wide=4", "--json");
        var fromDll = Run("backtest", dll, "--data", "synthetic:seed=4,events=50000", "--param", "wide=4", "--json");
        Assert.Equal(0, fromDll.Exit);
        Assert.Equal(WithoutTiming(fromSource.Out), WithoutTiming(fromDll.Out));
        Assert.Equal(Run("params", Example(), "--json").Out, Run("params", dll, "--json").Out);
    }

    [Fact]
    public void A_file_that_is_not_a_strategy_is_refused()
    {
        var bad = Path.Combine(_dir, "bad.dll");
        File.WriteAllText(bad, "not an assembly");
        var (exit, output, error) = Run("backtest", bad);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"scalp: {bad}: not a strategy compiled by `scalp build`", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("backtest", Path.Combine(_dir, "none.dll")).Exit);
    }
}
