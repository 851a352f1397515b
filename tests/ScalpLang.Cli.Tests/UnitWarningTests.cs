namespace ScalpLang.Cli.Tests;

/// <summary>A strategy whose declared tick or lot differs from the data's units is warned that the data's apply.</summary>
public sealed class UnitWarningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-units-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string instrument)
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, $"strategy U\n{instrument}\nrule r priority 1 when spread <= 1 tick => buy 1 lot at market\n");
        return path;
    }

    private static (int Exit, string Err) Run(params string[] args)
    {
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, TextWriter.Null, stderr), stderr.ToString());
    }

    [Fact]
    public void Synthetic_data_in_other_units_is_named()
    {
        var (exit, error) = Run("backtest", Write("instrument \"AAPL\" tick 0.01 lot 100 currency USD"), "--data", "synthetic:events=1000", "--json");
        Assert.Equal(0, exit);
        Assert.Equal("scalp backtest: warning: AAPL is declared with tick 0.01 and lot 100, but the synthetic flow is in ticks of 0.01 and lots of 1: in this run a tick is 0.01 and a lot is 1\n",
            error.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Matching_units_are_quiet()
    {
        var (exit, error) = Run("backtest", Write("instrument \"SYN\" tick 0.01 lot 1 currency USD"), "--data", "synthetic:events=1000", "--json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
    }
}
