using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest;

// Market-data latency on a tape (push mode). The replay applies each record to the exchange's
// depth book and feeds the venue in exchange time (VenueTapeFeed); this delay line keeps each
// tape event whole (what its records meant for the view, and the exchange's book after it) and
// has the venue time its delivery with a marker. On delivery the engine's own depth book catches
// up with that snapshot and the event is replayed to the view at its arrival time, exactly as an
// undelayed tape event would be, then the strategy runs.
public sealed partial class BacktestEngine
{
    private enum TapeOpKind : byte
    {
        Book,
        Trade,
        Status,
    }

    /// <summary>One callback of a tape event, kept until the event is delivered.</summary>
    private readonly record struct TapeOp(TapeOpKind Kind, Side Side, int Level, long A, long B, bool Flag);

    /// <summary>A tape event on its way to the strategy: its callbacks and the exchange's book after it.</summary>
    private sealed class DelayedTapeEvent
    {
        public readonly List<TapeOp> Ops = [];
        public DepthBook Book = null!;
        public long Token;
    }

    private readonly Queue<DelayedTapeEvent> _tapeInFlight = new();
    private readonly Stack<DelayedTapeEvent> _tapeEventPool = new();
    private DelayedTapeEvent? _tapeRecording;
    private long _nextTapeToken;

    private DelayedTapeEvent TapeRecording()
    {
        if (_tapeRecording is { } open)
            return open;
        var next = _tapeEventPool.Count > 0 ? _tapeEventPool.Pop() : new DelayedTapeEvent { Book = new DepthBook(_depthBook!.Depth) };
        next.Ops.Clear();
        return _tapeRecording = next;
    }

    internal void RecordTapeBook(Side side, int level, long sizeChange, bool reveal) =>
        TapeRecording().Ops.Add(new TapeOp(TapeOpKind.Book, side, level, sizeChange, 0, reveal));

    internal void RecordTapeTrade(long priceQ16, long size, bool aggressorBuy) =>
        TapeRecording().Ops.Add(new TapeOp(TapeOpKind.Trade, default, 0, priceQ16, size, aggressorBuy));

    internal void RecordTapeStatus(TradingStatus status) =>
        TapeRecording().Ops.Add(new TapeOp(TapeOpKind.Status, default, 0, (long)status, 0, false));

    /// <summary>The event ended at the exchange: snapshot its book and put the event on the market-data line.</summary>
    internal void EndTapeRecording(long ts, DepthBook exchangeBook)
    {
        var recorded = TapeRecording();
        _tapeRecording = null;
        recorded.Book.CopyFrom(exchangeBook);
        recorded.Token = _nextTapeToken++;
        _tapeInFlight.Enqueue(recorded);
        _pushingVenue!.ScheduleMarker(ts, recorded.Token);
    }

    /// <summary>A tape event reaches the strategy at <paramref name="tsRecv"/>.</summary>
    private void DeliverTapeEvent(long token, long tsRecv)
    {
        var delivered = _tapeInFlight.Dequeue();
        if (delivered.Token != token)
            throw new System.Diagnostics.UnreachableException($"tape event {delivered.Token} delivered as {token}: the market-data line reordered events");
        _depthBook!.CopyFrom(delivered.Book);
        OpenTapeEvent(tsRecv);
        _bidsChanged = _asksChanged = true; // the book caught up with the exchange's: re-read both sides
        foreach (var op in delivered.Ops)
        {
            switch (op.Kind)
            {
                case TapeOpKind.Book:
                    TapeBook(tsRecv, op.Side, op.Level, op.A, op.Flag);
                    break;
                case TapeOpKind.Trade:
                    TapeTrade(tsRecv, op.A, op.B, op.Flag);
                    break;
                case TapeOpKind.Status:
                    TapeStatus(tsRecv, (TradingStatus)op.A);
                    break;
            }
        }
        _tapeEventPool.Push(delivered);
        TapeEventEnd();
    }

    /// <summary>
    /// Trades a tape against the simulated exchange with its market-data latency in the strategy's
    /// view (push mode): feed the tape through <see cref="VenueTapeFeed{TNext}"/> with a
    /// <see cref="DelayedTapeFeed"/>, over a depth book of the exchange's own (this engine's book
    /// is the strategy's delayed copy). Set before the first event.
    /// </summary>
    public void UseSimulatedVenueOnTape(SimulatedVenue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        if (_depthBook is null)
            throw new InvalidOperationException("a tape run needs an engine over a depth book");
        if (venue.Config.MarketDataLatency.IsZero)
        {
            UseVenue(new SimulatedOrderVenue(venue), null);
            return;
        }
        UseVenue(new SimulatedOrderVenue(venue, pushed: true), null);
        venue.SchedulesMarketData = false; // the tape's events travel whole, as markers
        _pushingVenue = venue;
        _viewFromVenue = true;
        venue.Attach(new Deliveries(this));
    }
}

/// <summary>The delay line of a tape run with market-data latency: records each event for later delivery (BacktestEngine.DelayedTape.cs).</summary>
public readonly struct DelayedTapeFeed(BacktestEngine engine, DepthBook exchangeBook) : ITapeHandler
{
    public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal) => engine.RecordTapeBook(side, level, sizeChange, reveal);

    public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy) => engine.RecordTapeTrade(priceQ16, size, aggressorBuy);

    public void OnStatus(long ts, TradingStatus status) => engine.RecordTapeStatus(status);

    public void OnEventEnd(long ts) => engine.EndTapeRecording(ts, exchangeBook);
}
