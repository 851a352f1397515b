using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Synthetic;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Replay throughput from a tape in memory (docs/tape.md): 1,000,000 synthetic order-flow
/// messages recorded as a 10-level L2 tape, replayed on one thread (1) by a fused hand-written
/// C# loop (decode, 10-level book, 5-level imbalance, spread, one rule: the ceiling for this
/// machine), (2) by the runtime's tape decoder into its depth book, and (3) through the whole
/// backtest engine (book, view, windows, strategy, risk, venue, portfolio) with each example.
/// Per-event figures divide by the tape's events (an event is one or more records).
/// </summary>
[MemoryDiagnoser]
public class TapeBenchmarks
{
    private const int SourceMessages = 1_000_000;
    /// <summary>Events on the tape of those messages (the rest change nothing in the top 10); checked in setup.</summary>
    private const int Events = 485_390;
    private byte[] _records = [];
    private TapeHeader _header = null!;
    private readonly Dictionary<string, Type> _strategies = [];

    [Params("imbalance_scalper", "spread_breakout", "spoofing_aware_momentum", "passive_market_maker")]
    public string Example { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, SyntheticOrderFlow.Instrument, depth: 10);
        var recorder = new TapeRecorder(writer);
        new SyntheticOrderFlow(SyntheticSpec.Parse($"synthetic:seed=1,events={SourceMessages}")).Run(ref recorder);
        writer.Complete();
        var bytes = stream.ToArray();
        _header = TapeHeader.Read(bytes, out var error) ?? throw new InvalidOperationException(error);
        _records = bytes[TapeHeader.Length..];
        if (_header.EventCount != Events)
            throw new InvalidOperationException($"the tape has {_header.EventCount} events, not {Events}: update TapeBenchmarks.Events");

        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        foreach (var name in new[] { "imbalance_scalper", "spread_breakout", "spoofing_aware_momentum", "passive_market_maker" })
        {
            var path = Path.Combine(dir, "examples", name + ".scalp");
            var program = FrontEnd.Check(File.ReadAllBytes(path), path);
            var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
            var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName, collectible: false);
            _strategies[name] = strategy.GetType();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "fused hand-written loop (per event)")]
    public long Fused()
    {
        var loop = new FusedImbalanceLoop();
        return loop.Run(_records, _header.StartTs);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "tape decode + depth book (per event)")]
    public long DecodeOnly()
    {
        var book = new DepthBook(_header.Depth);
        var counter = new EventCounter();
        TapeReplay.Run(_records, _header, book, ref counter, "bench");
        return counter.Events;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "tape -> book + view + strategy + risk + venue (per event)")]
    public long FullEngine()
    {
        var strategy = (CompiledStrategy)Activator.CreateInstance(_strategies[Example])!;
        strategy.Start();
        var book = new DepthBook(_header.Depth);
        var engine = new BacktestEngine(strategy, book, 10_000_000);
        var feed = new TapeFeed(engine);
        var error = TapeReplay.Run(_records, _header, book, ref feed, "bench");
        if (error is not null)
            throw new InvalidOperationException(error);
        return engine.Events;
    }

    private struct EventCounter : ITapeHandler
    {
        public long Events;

        public readonly void OnBook(long ts, Side side, int level, long sizeChange, bool reveal)
        {
        }

        public readonly void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy)
        {
        }

        public readonly void OnStatus(long ts, TradingStatus status)
        {
        }

        public void OnEventEnd(long ts) => Events++;
    }
}
