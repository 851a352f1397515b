using System.Diagnostics;
using ScalpLang.Backtest.Reports;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

using ScalpLang.Backtest.Venue;

namespace ScalpLang.Backtest;

/// <summary>
/// Runs a started compiled strategy over a data source and summarises the run. Bad data ends the
/// run with <c>file:line: reason</c> (returned, not thrown).
/// </summary>
public static class BacktestRunner
{
    public const decimal DefaultCapital = 100_000m;

    /// <param name="started">Receives the engine as the run starts (a progress display reads its event count).</param>
    /// <param name="venue">The simulated exchange's settings; null for the simple immediate-fill venue.</param>
    public static BacktestSummary Run(CompiledStrategy strategy, DataSpec data, out string? error, decimal capital = DefaultCapital,
        Action<BacktestEngine>? started = null, VenueChoice? venue = null) =>
        RunCore(strategy, data, capital, started, null, venue, out error).Summary;

    /// <summary>
    /// <see cref="Run"/> with a <see cref="ReportRecorder"/> watching: the summary plus the report's
    /// statistics and chart data (<paramref name="maxPoints"/> bounds the sampled series).
    /// </summary>
    public static BacktestReport RunWithReport(CompiledStrategy strategy, DataSpec data, out string? error, decimal capital = DefaultCapital,
        Action<BacktestEngine>? started = null, int maxPoints = ReportRecorder.DefaultMaxPoints, VenueChoice? venue = null)
    {
        var recorder = new ReportRecorder(maxPoints);
        var (summary, engine, instrument) = RunCore(strategy, data, capital, started, recorder, venue, out error);
        return BacktestReport.Build(summary, recorder, engine.Portfolio.RoundTrips, instrument.TickSize,
            instrument.TickSize * instrument.LotSize, capital);
    }

    private static (BacktestSummary Summary, BacktestEngine Engine, Instrument Instrument) RunCore(CompiledStrategy strategy, DataSpec data,
        decimal capital, Action<BacktestEngine>? started, IRunObserver? observer, VenueChoice? venue, out string? error)
    {
        error = null;
        var clock = Stopwatch.StartNew();
        if (data.Kind == DataKind.Tape)
        {
            return RunTape(strategy, data.Argument, capital, clock, observer, venue, out error, started);
        }
        var book = new OrderBook();
        var instrument = DataInstrument(strategy, data);
        var tickValue = instrument.TickSize * instrument.LotSize;
        var engine = new BacktestEngine(strategy, book, (long)(capital / tickValue)) { RunObserver = observer };
        if (venue is not null)
            engine.UseSimulatedVenue(venue.CreateVenue(instrument));
        started?.Invoke(engine);
        switch (data.Kind)
        {
            case DataKind.Lobster:
                error = ReplayLobster(data.Argument, instrument, book, engine);
                break;
            case DataKind.Tardis:
                error = TardisSource.Replay(data.Argument, instrument, engine);
                break;
            default:
                error = SyntheticSource.Replay(data.Argument, engine);
                break;
        }
        engine.Finish();
        error ??= engine.News?.Error;
        clock.Stop();
        return (Summarise(strategy, engine, instrument, clock.Elapsed), engine, instrument);
    }

    /// <summary>
    /// The data's own instrument: LOBSTER is NASDAQ equities (tick $0.01, sizes in shares), so a
    /// strategy's "tick" and "lot" are the data's tick and share on LOBSTER data in this release,
    /// whatever instrument it declares (a declared instrument is checked against the data later).
    /// </summary>
    private static Instrument DataInstrument(CompiledStrategy strategy, DataSpec data) =>
        DataInstrument(strategy.Metadata.Instrument, data);

    internal static Instrument DataInstrument(InstrumentInfo? declared, DataSpec data)
    {
        return data.Kind switch
        {
            DataKind.Lobster => Instrument.UsEquity(declared?.Symbol ?? "LOBSTER"),
            // Tardis prices and amounts convert to the strategy's own tick and lot sizes.
            DataKind.Tardis => declared is null
                ? new Instrument("TARDIS", 0.01m, 1m, "USD")
                : new Instrument(declared.Symbol, declared.TickSize, declared.LotSize, declared.Currency),
            _ => SyntheticSource.Instrument,
        };
    }

    /// <summary>
    /// When the data's units differ from the instrument the strategy declares (LOBSTER is always in
    /// cents and shares, synthetic data in its own units, a tape in its header's), the sentence a
    /// user must see: the strategy's ticks and lots are then the data's. Null when they agree or
    /// cannot be known without reading the data.
    /// </summary>
    public static string? UnitMismatch(InstrumentInfo? declared, DataSpec data)
    {
        if (declared is null || data.Kind == DataKind.Tardis)
            return null;
        decimal tick, lot;
        string source;
        if (data.Kind == DataKind.Tape)
        {
            try
            {
                using var tape = TapeFile.Open(data.Argument);
                (tick, lot, source) = (tape.Header.Instrument.TickSize, tape.Header.Instrument.LotSize, "the tape");
            }
            catch (TapeException)
            {
                return null;
            }
        }
        else
        {
            var instrument = DataInstrument(declared, data);
            (tick, lot, source) = (instrument.TickSize, instrument.LotSize, data.Kind == DataKind.Lobster ? "LOBSTER data" : "the synthetic flow");
        }
        if (tick == declared.TickSize && lot == declared.LotSize)
            return null;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return string.Create(c, $"{declared.Symbol} is declared with tick {declared.TickSize} and lot {declared.LotSize}, but {source} is in ticks of {tick} and lots of {lot}: in this run a tick is {tick} and a lot is {lot}");
    }

    /// <summary>
    /// How many events a run over <paramref name="data"/> will have, when that is known before it
    /// starts (a tape's header, or at most the synthetic flow's message count); null otherwise.
    /// </summary>
    public static long? ExpectedEvents(DataSpec data)
    {
        if (data.Kind == DataKind.Synthetic)
        {
            var text = data.Argument.Length == 0 ? Runtime.Synthetic.SyntheticSpec.Scheme : $"{Runtime.Synthetic.SyntheticSpec.Scheme}:{data.Argument}";
            return Runtime.Synthetic.SyntheticSpec.TryParse(text, out var spec, out _) ? spec.Events : null;
        }
        if (data.Kind != DataKind.Tape)
            return null;
        try
        {
            using var tape = TapeFile.Open(data.Argument);
            return tape.Header.EventCount;
        }
        catch (TapeException)
        {
            return null;
        }
    }

    /// <summary>A tape is in its own instrument's units (its header says which), like LOBSTER data.</summary>
    private static (BacktestSummary, BacktestEngine, Instrument) RunTape(CompiledStrategy strategy, string path, decimal capital, Stopwatch clock,
        IRunObserver? observer, VenueChoice? venue, out string? error, Action<BacktestEngine>? started)
    {
        TapeFile tape;
        try
        {
            tape = TapeFile.Open(path);
        }
        catch (TapeException e)
        {
            error = e.Message;
            var empty = new BacktestEngine(strategy, new OrderBook(), 1);
            var unknown = new Instrument("TAPE", 1m, 1m, "USD");
            return (Summarise(strategy, empty, unknown, clock.Elapsed), empty, unknown);
        }
        using (tape)
        {
            var instrument = tape.Header.Instrument;
            var tickValue = instrument.TickSize * instrument.LotSize;
            var book = new DepthBook(tape.Header.Depth);
            var engine = new BacktestEngine(strategy, book, (long)(capital / tickValue)) { RunObserver = observer };
            started?.Invoke(engine);
            if (venue is null)
            {
                var feed = new TapeFeed(engine);
                error = TapeReplay.Run(tape.Records, tape.Header, book, ref feed, path);
            }
            else
            {
                // The tape's own handler feeds the venue in exchange time. Without market-data
                // latency the engine reads the same book and polls the venue; with it, the
                // exchange's book is a second one and the strategy's catches up on each delivery.
                var simulated = venue.CreateVenue(instrument);
                engine.UseSimulatedVenueOnTape(simulated);
                if (engine.SeesDelayedFeed)
                {
                    var exchangeBook = new DepthBook(tape.Header.Depth);
                    var feed = new VenueTapeFeed<DelayedTapeFeed>(simulated, exchangeBook, new DelayedTapeFeed(engine, exchangeBook));
                    error = TapeReplay.Run(tape.Records, tape.Header, exchangeBook, ref feed, path);
                }
                else
                {
                    var feed = new VenueTapeFeed<TapeFeed>(simulated, book, new TapeFeed(engine));
                    error = TapeReplay.Run(tape.Records, tape.Header, book, ref feed, path);
                }
            }
            engine.Finish();
            error ??= engine.News?.Error;
            clock.Stop();
            return (Summarise(strategy, engine, instrument, clock.Elapsed), engine, instrument);
        }
    }

    internal static string? ReplayLobster(string path, Instrument instrument, OrderBook book, IReplayTarget engine)
    {
        if (!File.Exists(path))
            return $"{path}: no such file";
        using var reader = new LobsterReader(path, instrument, new LobsterReadOptions { ReadOrderBook = true });
        var replay = new LobsterBookReplay(book, Math.Max(1, reader.Depth));
        var reveal = new LobsterReveal(reader, replay);
        // Behind the file (market-data latency), level N is revealed from the row of the message being applied.
        var behind = engine as BacktestEngine is { SeesDelayedFeed: true } delayedEngine ? delayedEngine : null;
        var delayed = behind is null ? null : new DelayedLobsterReveal(reader, replay);
        if (behind is not null && delayed is not null)
        {
            behind.BeforeDelivery = delayed.BeforeDelivery;
            engine.CompleteBook = delayed.AfterDelivery;
        }
        else
        {
            engine.CompleteBook = reveal.AfterMessage;
        }
        try
        {
            var first = true;
            while (reader.Read())
            {
                ref readonly var message = ref reader.Message;
                if (first)
                {
                    // The file starts mid-day: the first orderbook row (the state after message 1)
                    // seeds the book, including orders placed before the file begins.
                    replay.Seed(reader.Asks, reader.Bids);
                    first = false;
                    continue;
                }
                if (delayed is null)
                    reveal.BeforeMessage(in message);
                else
                    delayed.Read(in message);
                var handler = engine;
                message.Dispatch(ref handler);
            }
            return reader.Error?.ToString();
        }
        finally
        {
            engine.CompleteBook = null;
            behind?.BeforeDelivery = null;
        }
    }

    /// <summary>The §6 summary of a finished run (also of a live run over FIX: same engine, same arithmetic).</summary>
    public static BacktestSummary Summarise(CompiledStrategy strategy, BacktestEngine engine, Instrument instrument, TimeSpan elapsed)
    {
        var tickValue = instrument.TickSize * instrument.LotSize;
        decimal Money(long q16) => q16 / (decimal)Q.One * tickValue;
        var trips = engine.Portfolio.RoundTrips;
        var pnls = trips.Select(t => Money(t.PnlTickLots)).ToList();
        var wins = pnls.Where(p => p > 0).ToList();
        var losses = pnls.Where(p => p <= 0).ToList();
        var winRate = pnls.Count == 0 ? 0 : wins.Count / (double)pnls.Count;
        var edge = pnls.Count == 0 ? 0m
            : (decimal)winRate * (wins.Count == 0 ? 0 : wins.Average()) - (1 - (decimal)winRate) * (losses.Count == 0 ? 0 : -losses.Average());
        var sharpe = 0.0;
        if (pnls.Count > 1)
        {
            var mean = pnls.Average(p => (double)p);
            var std = Math.Sqrt(pnls.Sum(p => ((double)p - mean) * ((double)p - mean)) / pnls.Count);
            sharpe = std == 0 ? 0 : mean / std;
        }
        var gross = Money(engine.Portfolio.RealizedQ16);
        // Fees come off the net and, per round trip, off the edge (p_win x gain - p_loss x loss - fees).
        var fees = engine.Fees;
        if (trips.Count > 0)
            edge -= fees / trips.Count;
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        return new BacktestSummary(strategy.Metadata.Name, engine.Events, engine.Orders, engine.Denied, engine.Fills, trips.Count,
            gross, fees, gross - fees, winRate, Money(engine.MaxDrawdownQ16), sharpe, edge,
            engine.Risk.KillSwitchEngaged, engine.Risk.KilledAt, engine.Risk.KillReason,
            (long)elapsed.TotalMilliseconds, (long)(engine.Events / seconds))
        {
            AtEnd = engine.AtEnd is { } end ? EndSummary.From(end, instrument.TickSize, tickValue) : null,
        };
    }
}
