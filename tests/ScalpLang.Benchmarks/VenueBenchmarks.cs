using BenchmarkDotNet.Attributes;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Backtest.Venue;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Synthetic;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Issue 4's venue target: 10 million synthetic 10-level events (the seeded order flow recorded
/// as a 10-level tape, in memory, built once) through the whole backtest against the simulated
/// exchange (queue position, partial fills, book walking, lognormal order-entry and report
/// latency, maker/taker fees) with a market-making strategy that trades throughout; one thread,
/// per tape event. The baseline is the same strategy and data on the simple venue. The setup
/// runs it once and refuses to measure a run that does not trade.
/// </summary>
[MemoryDiagnoser]
public class VenueBenchmarks
{
    private const int SourceMessages = 20_700_000;

    /// <summary>Events on the tape of those messages (checked in setup).</summary>
    private const int Events = 10_000_000;

    /// <summary>Quotes one tick inside a spread of 2 ticks or more, pulls its quotes when the book turns one-sided, takes 1 tick or stops at 4.</summary>
    public const string Strategy = """
        strategy VenueBench
        instrument "SYN" tick 0.01 lot 1 currency USD
        book depth 5
        signal imb = imbalance(levels: 3)
        rule pull       priority 40 when imb > 0.7 or imb < -0.7 => cancel_all
        rule bid_inside priority 30 when spread >= 2 ticks and position < 3 and imb > -0.2 => buy 1 lot at bid + 1 tick
        rule ask_inside priority 20 when spread >= 2 ticks and position > -3 and imb < 0.2 => sell 1 lot at ask - 1 tick
        exit take_profit 1 tick
        exit stop_loss   4 ticks
        risk max_position 10 lots
        risk max_orders   5 per 1s
        """;

    private byte[] _records = [];
    private TapeHeader _header = null!;
    private Type _strategy = null!;

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
        if (_header.EventCount < Events)
            throw new InvalidOperationException($"the tape has {_header.EventCount} events, fewer than {Events}: raise VenueBenchmarks.SourceMessages");
        var program = FrontEnd.Check(SourceText.From(Strategy, "venue_bench.scalp"));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (loaded, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName, collectible: false);
        _strategy = loaded.GetType();

        var engine = Run(simulated: true, out var venue);
        if (engine.Orders == 0 || engine.Fills == 0 || venue!.Fills == 0)
            throw new InvalidOperationException($"the strategy must trade: {engine.Orders} orders, {engine.Fills} fills");
        Console.WriteLine($"// venue run: {engine.Events:N0} events, {engine.Orders:N0} orders ({engine.Denied:N0} denied), {engine.Fills:N0} fills " +
            $"({venue.MakerLots:N0} maker and {venue.TakerLots:N0} taker lots), fees {engine.Fees}, {engine.Portfolio.RoundTrips.Count:N0} round trips, " +
            $"{venue.Book.LevelCount(Runtime.Model.Side.Buy) + venue.Book.LevelCount(Runtime.Model.Side.Sell):N0} price levels at the venue at the end");
        var simple = Run(simulated: false, out _);
        Console.WriteLine($"// simple run: {simple.Orders:N0} orders, {simple.Fills:N0} fills");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "engine + simple venue (per event)")]
    public long SimpleVenue() => Run(simulated: false, out _).Events;

    [Benchmark(OperationsPerInvoke = Events, Description = "engine + simulated venue: queues, latency, fees (per event)")]
    public long SimulatedVenue() => Run(simulated: true, out _).Events;

    /// <summary>Three timed runs of each row, after the setup's runs (no BenchmarkDotNet).</summary>
    public static void TimeOnce(TextWriter output)
    {
        var bench = new VenueBenchmarks();
        bench.Setup();
        for (int round = 0; round < 3; round++)
        {
            foreach (var simulated in new[] { false, true })
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var events = bench.Run(simulated, out _).Events;
                clock.Stop();
                output.WriteLine($"{(simulated ? "simulated" : "simple   ")}: {clock.Elapsed.TotalNanoseconds / events:F1} ns/event, {events / clock.Elapsed.TotalSeconds / 1e6:F2} M events/s");
            }
        }
    }

    private BacktestEngine Run(bool simulated, out SimulatedVenue? venue)
    {
        var strategy = (CompiledStrategy)Activator.CreateInstance(_strategy)!;
        strategy.Start();
        var book = new DepthBook(_header.Depth);
        var engine = new BacktestEngine(strategy, book, 10_000_000);
        // Exactly Events events: the tape is cut at the end of the Events-th.
        var records = _records.AsSpan(0, RecordsOf(Events));
        var header = _header with { EventCount = Events };
        string? error;
        if (simulated)
        {
            venue = new SimulatedVenue(new VenueConfig(SyntheticOrderFlow.Instrument)
            {
                OrderEntryLatency = LatencyModel.Parse("lognormal:median=40us,sigma=0.5"),
                ReportLatency = LatencyModel.Parse("lognormal:median=40us,sigma=0.5"),
                Fees = FeeSchedule.Parse("maker=-2bp,taker=3bp"),
            });
            engine.UseVenue(new SimulatedOrderVenue(venue), null);
            var feed = new VenueTapeFeed<TapeFeed>(venue, book, new TapeFeed(engine));
            error = TapeReplay.Run(records, header, book, ref feed, "bench");
        }
        else
        {
            venue = null;
            var feed = new TapeFeed(engine);
            error = TapeReplay.Run(records, header, book, ref feed, "bench");
        }
        if (error is not null)
            throw new InvalidOperationException(error);
        engine.Finish();
        return engine;
    }

    private int _recordsOfEvents = -1;

    /// <summary>The byte length of the records up to the end of event <paramref name="events"/> (computed once).</summary>
    private int RecordsOf(int events)
    {
        if (_recordsOfEvents >= 0)
            return _recordsOfEvents;
        var all = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, TapeRecord>(_records);
        int seen = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if ((all[i].Flags & TapeMarks.EndOfEvent) != 0 && ++seen == events)
                return _recordsOfEvents = (i + 1) * TapeRecord.Length;
        }
        throw new InvalidOperationException("the tape is too short");
    }
}
