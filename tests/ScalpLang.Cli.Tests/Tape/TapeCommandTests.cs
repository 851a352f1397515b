using System.Text.Json;

namespace ScalpLang.Cli.Tests.Tape;

/// <summary>`scalp tape` and `scalp backtest --data tape:PATH` (docs/tape.md).</summary>
public sealed class TapeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-tape-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private const string Strategy = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 3\n" +
                                    "rule r priority 1 when spread <= 1 => buy 1 lot at market\nexit time_stop 1s\n";

    private string Scalp()
    {
        var path = Path.Combine(_dir, "s.scalp");
        File.WriteAllText(path, Strategy);
        return path;
    }

    private string Out => Path.Combine(_dir, "out.tape");

    private static string? Shared(params string[] parts)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        var path = Path.Combine([Path.GetDirectoryName(dir)!, "shared", "data", .. parts]);
        if (File.Exists(path))
            return path;
        Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing shared data {path}");
        return null;
    }

    [Fact]
    public void A_synthetic_tape_backtests_like_its_source()
    {
        var (exit, output, error) = Run("tape", "--data", "synthetic:seed=5,events=30000", "-o", Out, "--depth", "5");
        Assert.True(exit == 0, error);
        Assert.StartsWith($"{Out}: ", output);
        Assert.Contains("(30,000 source events)", output);
        Assert.Contains(" 5 levels", output);
        Assert.False(File.Exists(Out + ".partial"));

        (exit, output, error) = Run("backtest", Scalp(), "--data", $"tape:{Out}", "--json");
        Assert.True(exit == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        long events = root.GetProperty("events").GetInt64();
        Assert.InRange(events, 1_000, 29_999); // a tape event per source event that changed the top 5
        Assert.True(root.GetProperty("orders").GetInt64() > 0);
    }

    [Fact]
    public void A_lobster_tape_backtests()
    {
        if (Shared("lobster", "AAPL_2012-06-21_10_first999rows", "AAPL_2012-06-21_34200000_57600000_message_10.csv") is not { } path)
            return;
        var (exit, output, error) = Run("tape", "--data", $"lobster:{path}", "-o", Out);
        Assert.True(exit == 0, error);
        Assert.Contains("(998 source events)", output);
        (exit, output, error) = Run("backtest", Scalp(), "--data", $"tape:{Out}", "--json");
        Assert.True(exit == 0, error);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("events").GetInt64() > 500);
    }

    [Fact]
    public void Tardis_needs_tick_and_lot()
    {
        if (Shared("tardis", "binance-futures_book_snapshot_5_BTCUSDT.csv") is not { } path)
            return;
        var (exit, _, error) = Run("tape", "--data", $"tardis:{path}", "-o", Out);
        Assert.Equal(2, exit);
        Assert.Contains("Tardis data needs the instrument: --tick T --lot L", error);
        (exit, _, error) = Run("tape", "--data", $"tardis:{path}", "-o", Out, "--tick", "0.01");
        Assert.Equal(2, exit);
        (exit, _, error) = Run("tape", "--data", $"tardis:{path}", "-o", Out, "--tick", "-1", "--lot", "0.001");
        Assert.Equal(2, exit);
        Assert.False(File.Exists(Out));
        (exit, _, error) = Run("tape", "--data", $"tardis:{path}", "-o", Out, "--tick", "0.01", "--lot", "0.001", "--symbol", "BTCUSDT", "--currency", "USDT", "--depth", "5");
        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Out));
    }

    [Theory]
    [InlineData("--symbol", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")] // 33 characters
    [InlineData("--currency", "EURO€")]
    [InlineData("--tick", "12345678901234567890.5")] // more digits than the header keeps
    public void An_instrument_the_header_cannot_hold_is_an_error_not_a_crash(string option, string value)
    {
        if (Shared("tardis", "binance-futures_book_snapshot_5_BTCUSDT.csv") is not { } path)
            return;
        var args = new List<string> { "tape", "--data", $"tardis:{path}", "-o", Out, "--tick", "0.01", "--lot", "0.001" };
        int at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);
        var (exit, _, error) = Run([.. args]);
        Assert.True(exit is 1 or 2, error);
        Assert.StartsWith("scalp tape: ", error);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Tick_on_lobster_or_synthetic_data_is_refused()
    {
        var (exit, _, error) = Run("tape", "--data", "lobster:/no/such/message.csv", "-o", Out, "--tick", "0.01");
        Assert.Equal(2, exit);
        Assert.Contains("--tick and --lot apply to Tardis data only", error);
        (exit, _, error) = Run("tape", "-o", Out, "--lot", "1");
        Assert.Equal(2, exit);
        Assert.Contains("--tick and --lot apply to Tardis data only", error);
        Assert.False(File.Exists(Out));
    }

    [Theory]
    [InlineData("lobster:/no/such/message.csv")]
    [InlineData("tardis:/no/such/trades.csv")]
    public void Missing_input_exits_2_and_leaves_no_file(string data)
    {
        var args = data.StartsWith("tardis", StringComparison.Ordinal)
            ? new[] { "tape", "--data", data, "-o", Out, "--tick", "0.1", "--lot", "1" }
            : ["tape", "--data", data, "-o", Out];
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/", error);
        Assert.Contains("no such file", error);
        Assert.False(File.Exists(Out));
        Assert.False(File.Exists(Out + ".partial"));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Depth_outside_1_to_64_is_refused(int depth)
    {
        var (exit, _, error) = Run("tape", "--data", "synthetic:seed=1,events=100", "-o", Out, "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, exit);
        Assert.Contains("--depth must be 1..64", error);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_corrupt_tape_fails_the_backtest_naming_the_record()
    {
        var (exit, _, error) = Run("tape", "--data", "synthetic:seed=5,events=2000", "-o", Out, "--depth", "3");
        Assert.True(exit == 0, error);
        var bytes = File.ReadAllBytes(Out);
        bytes[128 + 9 * 16 + 4] = 9; // record 10: op 9
        File.WriteAllBytes(Out, bytes);
        (exit, _, error) = Run("backtest", Scalp(), "--data", $"tape:{Out}", "--json");
        Assert.Equal(1, exit);
        Assert.Contains($"scalp backtest: {Out}: record 10 (byte 272): unknown operation 9", error);

        File.WriteAllBytes(Out, bytes[..^3]); // truncated
        (exit, _, error) = Run("backtest", Scalp(), "--data", $"tape:{Out}");
        Assert.Equal(1, exit);
        Assert.Contains("(truncated or corrupt)", error);
    }

    [Fact]
    public void A_tape_of_a_tape_is_refused()
    {
        var (exit, _, error) = Run("tape", "--data", "synthetic:seed=5,events=500", "-o", Out);
        Assert.True(exit == 0, error);
        (exit, _, error) = Run("tape", "--data", $"tape:{Out}", "-o", Path.Combine(_dir, "again.tape"));
        Assert.Equal(1, exit);
        Assert.Contains("the data is already a tape", error);
        Assert.False(File.Exists(Path.Combine(_dir, "again.tape")));
    }
}
