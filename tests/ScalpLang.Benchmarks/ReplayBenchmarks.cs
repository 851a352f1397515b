using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Replay throughput on one thread over 200,000 synthetic events decoded into memory beforehand
/// (no I/O, no generation): the L3 book alone (baseline), then book + view + strategy + risk +
/// venue + portfolio (the backtest engine) with examples/imbalance_scalper.scalp.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private const int Events = 200_000;
    private SyntheticEvent[] _events = [];
    private Type _strategyType = null!;

    [GlobalSetup]
    public void Setup()
    {
        var flow = new SyntheticOrderFlow(SyntheticSpec.Parse($"synthetic:seed=1,events={Events}"));
        var events = new List<SyntheticEvent>(Events);
        while (flow.Read())
            events.Add(flow.Message);
        _events = [.. events];

        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        var path = Path.Combine(dir, "examples", "imbalance_scalper.scalp");
        var program = FrontEnd.Check(File.ReadAllBytes(path), path);
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName, collectible: false);
        _strategyType = strategy.GetType();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "L3 book only (per event)")]
    public int BookOnly()
    {
        var book = new OrderBook();
        foreach (ref readonly var e in _events.AsSpan())
            e.Dispatch(ref book);
        return book.LevelCount(Runtime.Model.Side.Buy);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "book + view + strategy + risk + venue (per event)")]
    public long FullReplay()
    {
        var strategy = (CompiledStrategy)Activator.CreateInstance(_strategyType)!;
        strategy.Start();
        var engine = new BacktestEngine(strategy, new OrderBook(), 10_000_000);
        foreach (ref readonly var e in _events.AsSpan())
            e.Dispatch(ref engine);
        return engine.Events;
    }
}
