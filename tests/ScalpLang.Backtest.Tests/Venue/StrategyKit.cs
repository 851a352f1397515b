using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>Compiles and starts a strategy from source text; records what the engine showed it.</summary>
internal static class StrategyKit
{
    public const string Header = "instrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 1\n";

    public static CompiledStrategy Start(string text)
    {
        var program = FrontEnd.Check(SourceText.From(text, "t.scalp"));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    public static string Root()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    /// <summary>The GOOG LOBSTER message file, or null when ../shared is not beside the checkout.</summary>
    public static string? Goog()
    {
        var folder = Path.Combine(Path.GetDirectoryName(Root())!, "shared", "data", "lobster", "GOOG_2012-06-21_1");
        var message = Directory.Exists(folder) ? Directory.GetFiles(folder, "*message*.csv").FirstOrDefault() : null;
        if (message is null)
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing LOBSTER GOOG data under {folder}");
        return message;
    }
}

/// <summary>Every event's end as the strategy saw it: (time, bid, ask, position), and every fill.</summary>
internal sealed class ViewTrace : IRunObserver
{
    public List<(long Ts, long Bid, long Ask, long Position)> Events { get; } = [];

    public List<OwnFill> Fills { get; } = [];

    public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position) => Events.Add((ts, bidQ16, askQ16, position));

    public void OnFill(in OwnFill fill) => Fills.Add(fill);

    public void OnKill(long ts, string reason)
    {
    }
}
