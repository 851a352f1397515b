using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Per-event cost of a compiled example (examples/imbalance_scalper.scalp: book -> features ->
/// decisions -> action) against the same strategy written by hand in C#, over the same 4,096
/// simulated events; and the time from source text to a loaded, started strategy.
/// </summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private const int Events = 4_096;
    private MarketView[] _views = [];
    private CompiledStrategy _compiled = null!;
    // Typed as the base class, like the compiled one: a sealed static type would let the JIT call
    // Evaluate directly for the baseline only, and the comparison would measure that, not the code.
    private CompiledStrategy _handWritten = null!;
    private readonly CountingSink _sink = new();
    private byte[] _source = [];
    private string _path = "";

    private sealed class CountingSink : IActionSink
    {
        public long Sum;
        public StrategyAction Last;

        public void Submit(in StrategyAction action)
        {
            Sum += (int)action.Kind + 1;
            Last = action;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(RepoRoot(), "examples", "imbalance_scalper.scalp");
        _source = File.ReadAllBytes(_path);
        _compiled = CompileAndLoad();
        var handWritten = new HandWrittenImbalanceScalper(_compiled.Metadata.ToJson());
        handWritten.Start();
        _handWritten = handWritten;
        _views = SimulatedViews.Create(seed: 42, Events);
        ProveSameDecisions(_compiled, _handWritten);
    }

    private CompiledStrategy CompileAndLoad()
    {
        var program = FrontEnd.Check(_source, _path);
        var result = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(result.Image!, result.TypeName, collectible: false);
        strategy.Start();
        return strategy;
    }

    /// <summary>
    /// A fair comparison needs the same strategy: both must act identically on every event. It runs
    /// the timed instances themselves, so both methods are equally warm (tiered up, profiled) when
    /// timing starts; a fresh load of the compiled strategy would be a new type with cold code
    /// while the hand-written type had been warmed here.
    /// </summary>
    private static void ProveSameDecisions(CompiledStrategy compiled, CompiledStrategy hand)
    {
        // The benchmark's own sink type, so the runtime's profile of the action call (which sink
        // it reaches) is the one the timed loop sees, for both strategies.
        var a = new CountingSink();
        var b = new CountingSink();
        var acted = 0;
        foreach (var view in SimulatedViews.Create(seed: 43, 50_000))
        {
            var before = a.Sum;
            compiled.OnBook(in view, a);
            hand.OnBook(in view, b);
            if (a.Sum != b.Sum || a.Last != b.Last)
                throw new InvalidOperationException($"compiled {a.Last} (sum {a.Sum}) != hand-written {b.Last} (sum {b.Sum})");
            acted += a.Sum == before ? 0 : 1;
        }
        if (acted < 1_000)
            throw new InvalidOperationException($"only {acted} decisions: the comparison would prove little");
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("cannot find ScalpLang.sln");
        return dir;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "hand-written C# (per event)")]
    public long HandWritten()
    {
        var views = _views;
        for (var i = 0; i < views.Length; i++)
            _handWritten.OnBook(in views[i], _sink);
        return _sink.Sum;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "compiled .scalp (per event)")]
    public long Compiled()
    {
        var views = _views;
        for (var i = 0; i < views.Length; i++)
            _compiled.OnBook(in views[i], _sink);
        return _sink.Sum;
    }
}

/// <summary>Source text to a loaded, started strategy, in process (warm).</summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private byte[] _source = [];
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        _path = Path.Combine(dir, "examples", "imbalance_scalper.scalp");
        _source = File.ReadAllBytes(_path);
    }

    [Benchmark(Description = "check + lower + emit IL + load + start")]
    public string SourceToLoadedStrategy()
    {
        var program = FrontEnd.Check(_source, _path);
        var result = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, context) = StrategyLoader.Load(result.Image!, result.TypeName);
        strategy.Start();
        context.Unload();
        return strategy.Metadata.Name;
    }
}
