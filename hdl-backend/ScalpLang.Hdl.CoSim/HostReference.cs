using ScalpLang.Backtest;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// The IL side of a co-simulation: the tape replayed through the backtest engine (depth book,
/// view, compiled strategy, risk engine, portfolio) against the immediate-fill venue, recording
/// every evaluation's raw decision and the fills the host booked around it. Per event: the fills
/// booked before the evaluation (resting orders the book reached), the evaluation, the fills its
/// action produced, then, when there were any, the evaluation after our own fill
/// (grammar/README.md §7 rule 9) and the fills its action produced. The module gets the same fills
/// as Fill records (<see cref="HexTape.WriteWithFills"/>), so both sides see the same portfolio.
/// </summary>
public static class HostReference
{
    /// <summary>One tape event as the host ran it (a struct, and the fill lists shared empties, so an event without fills allocates nothing).</summary>
    public readonly record struct EventRun(IReadOnlyList<OwnFill> Before, IReadOnlyList<OwnFill> After, bool Reevaluated, IReadOnlyList<OwnFill> AfterReevaluation);

    /// <summary>
    /// The decisions, one per evaluation (one per event, two when our own fill re-evaluated it),
    /// the event each evaluation belongs to, each event's fills, and a replay error.
    /// </summary>
    public sealed record Run(List<EventDecision> Decisions, List<long> EvaluationEvents, List<EventRun> Events, string? Error);

    /// <summary>The backtest's default capital, 100,000 in the tape's currency, in its tick-lots (BacktestRunner).</summary>
    public static long CapitalTickLots(TapeFile tape) =>
        (long)(BacktestRunner.DefaultCapital / (tape.Header.Instrument.TickSize * tape.Header.Instrument.LotSize));

    public static Run Replay(CompiledStrategy strategy, TapeFile tape)
    {
        var book = new DepthBook(tape.Header.Depth);
        var engine = new BacktestEngine(strategy, book, CapitalTickLots(tape));
        var recorder = new Recorder();
        engine.Observer = recorder;
        engine.RunObserver = recorder;
        var feed = new TapeFeed(engine);
        var error = TapeReplay.Run(tape.Records, tape.Header, book, ref feed, tape.Path);
        return new Run(recorder.Decisions, recorder.EvaluationEvents, recorder.Events, error);
    }

    /// <summary>
    /// Splits each event's observations by phase: fills before any action are the pre-evaluation
    /// fills; an action ends the first evaluation; fills after it caused the re-evaluation, whose
    /// action (if any) ends it. With the immediate-fill venue only an action produces fills after
    /// the evaluation, so a first evaluation without an action has none.
    /// </summary>
    private sealed class Recorder : IActionObserver, IRunObserver
    {
        private List<OwnFill>? _before;
        private List<OwnFill>? _after;
        private List<OwnFill>? _afterReevaluation;
        private StrategyAction? _first;
        private StrategyAction? _second;
        private bool _kill;

        public List<EventDecision> Decisions { get; } = [];
        public List<long> EvaluationEvents { get; } = [];
        public List<EventRun> Events { get; } = [];

        public void Observe(long now, in StrategyAction action)
        {
            if (_first is null && _after is null)
                _first = action;
            else
                _second = action;
        }

        public void OnFill(in OwnFill fill)
        {
            if (_first is null)
                (_before ??= []).Add(fill);
            else if (_second is null)
                (_after ??= []).Add(fill);
            else
                (_afterReevaluation ??= []).Add(fill);
        }

        public void OnKill(long ts, string reason)
        {
        }

        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position)
        {
            var index = Events.Count;
            Add(_first, index);
            var reevaluated = _after is not null;
            if (reevaluated)
                Add(_second, index);
            Events.Add(new EventRun(_before ?? (IReadOnlyList<OwnFill>)[], _after ?? (IReadOnlyList<OwnFill>)[], reevaluated,
                _afterReevaluation ?? (IReadOnlyList<OwnFill>)[]));
            _before = _after = _afterReevaluation = null;
            _first = _second = null;
        }

        private void Add(StrategyAction? action, long eventIndex)
        {
            EvaluationEvents.Add(eventIndex);
            if (action is not { } a)
            {
                Decisions.Add(EventDecision.None(_kill));
                return;
            }
            _kill |= a.Kind == ActionKind.Kill;
            Decisions.Add(EventDecision.Of(a, _kill));
        }
    }
}
