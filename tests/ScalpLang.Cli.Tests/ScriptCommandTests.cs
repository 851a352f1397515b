using System.Text.Json.Nodes;

namespace ScalpLang.Cli.Tests;

/// <summary>
/// `scalp script RUN.csx`: the documented example runs and its report is `scalp backtest --json`'s;
/// compile errors, exceptions and missing files give their exit codes and one clear message; and
/// the commands report C# imports' problems (check, backtest, build).
/// </summary>
public sealed class ScriptCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalp-script-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Root
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
                dir = Path.GetDirectoryName(dir)!;
            return dir;
        }
    }

    private static readonly string Example = Path.Combine(Root, "examples", "scripting", "threshold_sweep.csx");

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return (ScalpCli.Run(args, stdout, stderr), stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void The_example_script_backtests_and_its_report_is_the_backtest_commands()
    {
        var (exit, output, error) = Run("script", Example, "--", "20000");
        Assert.True(exit == 0, error + output);
        Assert.Contains("BookPressure: parameters threshold", output);
        Assert.Contains("threshold 0.5: 20000 events", output);
        var fromScript = JsonNode.Parse(output.Split('\n').Single(l => l.StartsWith("json ", StringComparison.Ordinal))[5..])!.AsObject();

        var strategy = Path.Combine(Root, "examples", "scripting", "book_pressure.scalp");
        var (backtestExit, json, backtestError) = Run("backtest", strategy, "--data", "synthetic:seed=7,events=20000", "--param", "threshold=0.5", "--json");
        Assert.True(backtestExit == 0, backtestError);
        var fromCommand = JsonNode.Parse(json)!.AsObject();
        fromCommand.Remove("elapsed_ms");
        fromCommand.Remove("events_per_second");
        Assert.True(JsonNode.DeepEquals(fromCommand, fromScript), $"script: {fromScript}\ncommand: {fromCommand}");
        Assert.True(fromScript["round_trips"]!.GetValue<int>() > 10, "the example should trade");

        // The sweep's three rows, strictest last, each with fewer orders (the script checks it too: exit 0).
        Assert.Matches(@"(?m)^\s+0\.2\s+\d+", output);
        Assert.Matches(@"(?m)^\s+0\.8\s+\d+", output);
    }

    [Fact]
    public void The_documentation_shows_the_example_as_it_is()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "scripting.md"));
        Assert.Contains(File.ReadAllText(Example).TrimEnd(), docs, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllText(Path.Combine(Root, "examples", "scripting", "signals.csx")).TrimEnd(), docs, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_error_names_the_script_line_and_column_with_exit_1()
    {
        var path = Write("bad.csx", "var x = 1;\nvar y = x + undefined_name;\n");
        var (exit, output, error) = Run("script", path);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal($"{path}:2:13: error CS0103: The name 'undefined_name' does not exist in the current context\n", error);
    }

    [Fact]
    public void An_exception_prints_its_message_and_script_line_with_exit_1()
    {
        var path = Write("throws.csx", "Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"boom\");\n");
        var (exit, output, error) = Run("script", path);
        Assert.Equal(1, exit);
        Assert.Equal("before\n", output);
        Assert.Equal($"{path}:2: error: InvalidOperationException: boom\n", error);
    }

    [Fact]
    public void A_facade_error_is_the_scripts_error()
    {
        var path = Write("nofile.csx", "var report = Scalp.Backtest(\"no-such.scalp\");\n");
        var (exit, _, error) = Run("script", path);
        Assert.Equal(1, exit);
        Assert.Equal($"{path}:1: error: ScalpException: no-such.scalp: no such file\n", error);
    }

    [Fact]
    public void Missing_files_and_folders_are_exit_2()
    {
        var missing = Run("script", Path.Combine(_dir, "missing.csx"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no such file", missing.Err);
        Assert.Equal(2, Run("script", _dir).Exit);
    }

    [Fact]
    public void Arguments_after_the_double_dash_reach_the_script_and_an_int_result_is_the_exit_code()
    {
        var path = Write("args.csx", "Console.WriteLine(string.Join(\"|\", Args));\nreturn Args.Count == 2 ? 5 : 6;\n");
        var (exit, output, _) = Run("script", path, "--", "a", "--b");
        Assert.Equal(5, exit);
        Assert.Equal("a|--b\n", output);
    }

    private const string Header = "strategy T\ninstrument \"X\" tick 0.01 lot 1 currency USD\n";

    [Fact]
    public void Check_reports_a_broken_import_at_the_import_with_exit_1()
    {
        Write("broken.csx", "public static Ratio f(Ratio x) => x + nope;\n");
        var path = Write("s.scalp", Header + "import \"broken.csx\"\nrule r priority 1 when f(imbalance()) > 0.5 => buy 1 lot at market\n");
        var (exit, _, error) = Run("check", path);
        Assert.Equal(1, exit);
        // The import is named as other imports are: relative to the current directory.
        Assert.Matches(@"s\.scalp:3:8: error SL2060: C# import '[^']*broken\.csx' does not compile: [^ ]*broken\.csx:1:39: error CS0103:", error);
    }

    [Fact]
    public void Functions_of_an_import_the_strategy_does_not_call_are_not_warned_about()
    {
        Write("lib.csx", "public static Ratio used(Ratio x) => x;\npublic static Ratio unused(Ratio x) => x;\n");
        var path = Write("u.scalp", Header + "import \"lib.csx\"\nrule r priority 1 when used(imbalance()) > 0.5 => buy 1 lot at market\n");
        var (exit, output, error) = Run("check", path);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains(": ok (strategy T", output);
    }

    [Fact]
    public void An_exception_in_an_imported_function_during_a_backtest_is_one_line_with_exit_1()
    {
        Write("thrower.csx", "public static Ratio crash(Lots bid)\n{\n    if (bid.Raw > 0)\n        throw new InvalidOperationException(\"no bids allowed\");\n    return Ratio.Of(0);\n}\n");
        var path = Write("t.scalp", Header + "import \"thrower.csx\"\nrule r priority 1 when crash(bid_depth(levels: 1)) > 0 => buy 1 lot at market\n");
        var (exit, output, error) = Run("backtest", path, "--data", "synthetic:events=2000");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Matches(@"^scalp: C# function crash \(.*thrower\.csx:4\) threw InvalidOperationException: no bids allowed\n$", error);
    }

    [Fact]
    public void Build_puts_the_compiled_import_beside_the_strategy_and_the_dll_backtests()
    {
        Write("signals.csx", File.ReadAllText(Path.Combine(Root, "examples", "scripting", "signals.csx")));
        var source = Write("pressure.scalp", File.ReadAllText(Path.Combine(Root, "examples", "scripting", "book_pressure.scalp")));
        var dll = Path.Combine(_dir, "out", "pressure.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        var (exit, output, error) = Run("build", source, "-o", dll);
        Assert.True(exit == 0, error);
        var copied = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(dll)!, "ScalpScript_*.dll"));
        Assert.Contains($"{copied}: compiled ", output);
        var fromSource = Run("backtest", source, "--data", "synthetic:seed=2,events=5000", "--json");
        var fromDll = Run("backtest", dll, "--data", "synthetic:seed=2,events=5000", "--json");
        Assert.Equal(0, fromDll.Exit);
        var a = JsonNode.Parse(fromSource.Out)!.AsObject();
        var b = JsonNode.Parse(fromDll.Out)!.AsObject();
        foreach (var timing in new[] { "elapsed_ms", "events_per_second" })
        {
            a.Remove(timing);
            b.Remove(timing);
        }
        Assert.True(JsonNode.DeepEquals(a, b));
    }
}
