namespace ScalpLang.Cli.Tests;

/// <summary>`scalp check` exit codes and messages on good files and on every kind of bad input.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-cli-").FullName;

    private const string Valid = """
        strategy T
        instrument "X" tick 0.01 lot 1 currency USD
        rule enter priority 1 when spread <= 1 tick => buy 1 lot at market

        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ScalpCli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Clean_file_exits_0_and_says_ok()
    {
        var (exit, output, error) = Run("check", Write("ok.scalp", Valid));
        Assert.Equal(0, exit);
        Assert.Contains("ok (strategy T", output);
        Assert.Equal("", error);
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        var (exit, _, error) = Run("check", Write("w.scalp", Valid + "param unused_p: ratio = 0.5\n"));
        Assert.Equal(0, exit);
        Assert.Contains("warning SL2039", error);
    }

    [Fact]
    public void Errors_exit_1_with_located_coded_diagnostics()
    {
        var path = Write("bad.scalp", Valid.Replace("spread <= 1 tick", "spred <= 1 tick"));
        var (exit, _, error) = Run("check", path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}:3:28: error SL2001: 'spred' is not defined", error);
        Assert.Contains("help: did you mean 'spread'?", error);
        Assert.Contains("1 error, 0 warnings", error);
    }

    [Fact]
    public void Several_files_report_the_worst_exit()
    {
        var (exit, output, _) = Run("check", Write("a.scalp", Valid), Write("b.scalp", "strategy"));
        Assert.Equal(1, exit);
        Assert.Contains("a.scalp: ok", output);
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        var (exit, _, error) = Run("check", Path.Combine(_dir, "nope.scalp"));
        Assert.Equal(2, exit);
        Assert.Contains("no such file", error);
    }

    [Fact]
    public void Directory_exits_2()
    {
        var (exit, _, error) = Run("check", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("is a directory", error);
    }

    [Fact]
    public void Empty_file_is_an_error_not_a_crash()
    {
        var (exit, _, error) = Run("check", Write("empty.scalp", ""));
        Assert.Equal(1, exit);
        Assert.Contains("SL2012", error);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        var (exit, _, error) = Run("check", Write("bin.scalp", [0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
        Assert.Equal(1, exit);
        Assert.Contains("SL1007", error);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var (exit, _, error) = Run("check", Write("latin1.scalp", [.. "strategy Caf"u8, 0xE9, .. "\n"u8]));
        Assert.Equal(1, exit);
        Assert.Contains("SL1006", error);
    }

    [Fact]
    public void Ten_megabyte_file_is_refused_quickly()
    {
        var big = new byte[10 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        var (exit, _, error) = Run("check", Write("big.scalp", big));
        Assert.Equal(1, exit);
        Assert.Contains("SL1008", error);
        Assert.Contains("10,485,760 bytes", error);
    }

    [Fact]
    public void Random_bytes_give_bounded_coded_errors()
    {
        var random = new Random(3);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(bytes[i] % 95 + 32); // printable ASCII noise: it decodes, then must not flood
        var (exit, _, error) = Run("check", Write("noise.scalp", bytes));
        Assert.Equal(1, exit);
        Assert.True(error.Split('\n').Count(l => l.Contains(": error SL", StringComparison.Ordinal)) <= 101, error[..Math.Min(2000, error.Length)]);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, Run("check").Exit);
        Assert.Equal(2, Run("frobnicate").Exit);
        Assert.Equal(2, Run("check", "--bogus", "x.scalp").Exit);
    }

    [Fact]
    public void Every_example_checks_through_the_cli()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ScalpLang.sln")))
            root = Path.GetDirectoryName(root)!;
        var examples = Directory.GetFiles(Path.Combine(root, "examples"), "*.scalp");
        var (exit, output, error) = Run(["check", .. examples]);
        Assert.True(exit == 0, error);
        Assert.Equal(examples.Length, output.Split('\n').Count(l => l.Contains(": ok (", StringComparison.Ordinal)));
    }
}
