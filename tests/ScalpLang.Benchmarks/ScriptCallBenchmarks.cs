using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Per-event cost of examples/scripting/book_pressure.scalp, whose signal and spread test are C#
/// functions (signals.csx), against the same strategy with both written in ScalpLang (the
/// baseline), over the same 4,096 simulated events. Both take the same decisions (checked first).
/// </summary>
[MemoryDiagnoser]
public class ScriptCallBenchmarks
{
    private const int Events = 4_096;

    private const string Plain = """
        strategy Plain
        instrument "XYZ" tick 0.01 lot 1 currency USD
        param threshold: ratio = 0.3 in 0.1..0.9
        signal pressure = (bid_depth(levels: 1) - ask_depth(levels: 1)) / (bid_depth(levels: 1) + ask_depth(levels: 1))
        rule up   priority 2 when pressure > threshold and spread <= 2 ticks  => buy 1 lot at market
        rule down priority 1 when pressure < -threshold and spread <= 2 ticks => sell 1 lot at market
        exit take_profit 2 ticks
        exit stop_loss   2 ticks
        risk max_position 3 lots
        """;

    private MarketView[] _views = [];
    private CompiledStrategy _plain = null!;
    private CompiledStrategy _csx = null!;
    private readonly CountingSink _sink = new();

    private sealed class CountingSink : IActionSink
    {
        public long Sum;
        public StrategyAction? Last;

        public void Submit(in StrategyAction action)
        {
            Sum += (int)action.Kind + 1;
            Last = action;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        var withCsx = Path.Combine(dir, "examples", "scripting", "book_pressure.scalp");
        _csx = Load(File.ReadAllBytes(withCsx), withCsx);
        _plain = Load(System.Text.Encoding.UTF8.GetBytes(Plain), Path.Combine(dir, "plain.scalp"));
        _views = SimulatedViews.Create(seed: 42, Events);
        ProveSameDecisions(Load(File.ReadAllBytes(withCsx), withCsx), Load(System.Text.Encoding.UTF8.GetBytes(Plain), Path.Combine(dir, "plain.scalp")));
    }

    private static CompiledStrategy Load(byte[] source, string path)
    {
        var program = FrontEnd.Check(source, path, scripts: CsxImportCompiler.Default);
        if (program.HasErrors)
            throw new InvalidOperationException($"{path} does not compile");
        var result = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(result.Image!, result.TypeName, collectible: false);
        strategy.Start();
        return strategy;
    }

    private static void ProveSameDecisions(CompiledStrategy csx, CompiledStrategy plain)
    {
        var a = new CountingSink();
        var b = new CountingSink();
        var acted = 0;
        foreach (var view in SimulatedViews.Create(seed: 43, 50_000))
        {
            a.Last = b.Last = null;
            csx.OnBook(in view, a);
            plain.OnBook(in view, b);
            if (a.Last != b.Last)
                throw new InvalidOperationException($"with C# {a.Last} != plain {b.Last}");
            acted += a.Last is null ? 0 : 1;
        }
        if (acted < 1_000)
            throw new InvalidOperationException($"only {acted} decisions: the comparison would prove little");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "signal in ScalpLang (per event)")]
    public long InScalpLang()
    {
        var views = _views;
        for (var i = 0; i < views.Length; i++)
            _plain.OnBook(in views[i], _sink);
        return _sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "signal in C# (.csx import, per event)")]
    public long InCsx()
    {
        var views = _views;
        for (var i = 0; i < views.Length; i++)
            _csx.OnBook(in views[i], _sink);
        return _sink.Sum;
    }
}
