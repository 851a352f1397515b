using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Features;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The IL side of a co-simulation: the tape replayed into a <see cref="DepthBook"/> and a
/// <see cref="MarketViewBuilder"/>, the compiled strategy evaluated at every event's end with a
/// sink that records its decision. No portfolio and no risk engine: the decisions are the
/// strategy's raw ones, which is what the module computes (portfolio inputs are refused by the
/// Verilog target for that reason).
/// </summary>
public static class IlReference
{
    /// <summary>The decisions, one per event, the index of each event's first record, and a replay error.</summary>
    public sealed record Run(List<EventDecision> Decisions, List<long> EventStarts, string? Error);

    public static Run Replay(CompiledStrategy strategy, TapeFile tape)
    {
        var book = new DepthBook(tape.Header.Depth);
        var handler = new Handler(strategy, new MarketViewBuilder(book, Math.Min(strategy.Metadata.BookDepth, tape.Header.Depth)));
        var error = TapeReplay.Run(tape.Records, tape.Header, book, ref handler, tape.Path);
        return new Run(handler.Decisions, EventStartsOf(tape.Records), error);
    }

    /// <summary>The index of each event's first record (the one after the previous EndOfEvent).</summary>
    public static List<long> EventStartsOf(ReadOnlySpan<byte> records)
    {
        var starts = new List<long>();
        var next = 0L;
        for (var n = 0; n < records.Length / TapeRecord.Length; n++)
        {
            if (((TapeMarks)records[n * TapeRecord.Length + 5] & TapeMarks.EndOfEvent) != 0)
            {
                starts.Add(next);
                next = n + 1;
            }
        }
        return starts;
    }

    private struct Handler(CompiledStrategy strategy, MarketViewBuilder view) : ITapeHandler
    {
        private readonly Sink _sink = new();
        private bool _open;
        private bool _kill;

        public List<EventDecision> Decisions { get; } = [];

        public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal) => Begin(ts);

        public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy)
        {
            Begin(ts);
            view.Trade(priceQ16, new Quantity(size), aggressorBuy);
        }

        public void OnStatus(long ts, TradingStatus status) => Begin(ts);

        public void OnEventEnd(long ts)
        {
            Begin(ts);
            view.RefreshBook(bids: true, asks: true);
            _sink.Last = null;
            strategy.OnEvent(in view.View, _sink);
            if (_sink.Last is { } a)
            {
                _kill |= a.Kind == ActionKind.Kill;
                Decisions.Add(new EventDecision((int)a.Kind + 1, a.Decision, a.IsMarket ? 0 : a.LimitPrice, a.Quantity, a.IsMarket, a.StandAside, _kill));
            }
            else
            {
                Decisions.Add(EventDecision.None(_kill));
            }
            _open = false;
        }

        /// <summary>The first callback of an event starts it: per-event amounts return to zero.</summary>
        private void Begin(long ts)
        {
            if (_open)
                return;
            _open = true;
            view.Begin(ts, MarketEventKind.Book);
        }
    }

    private sealed class Sink : IActionSink
    {
        public StrategyAction? Last { get; set; }

        public void Submit(in StrategyAction action) => Last = action;
    }
}
