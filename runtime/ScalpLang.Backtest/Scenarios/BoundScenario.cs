using System.Collections.Immutable;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>A scenario in the instrument's ticks and lots, ready to run (<see cref="ScenarioBinder"/>).</summary>
public sealed record BoundScenario(
    string Path,
    Instrument Instrument,
    ImmutableArray<ParamHeader> Params,
    long CapitalTickLots,
    bool AllowOtherActions,
    ImmutableArray<ScenarioEvent> Events,
    ImmutableArray<BoundExpectation> Expectations);

public abstract record ScenarioEvent(SourcePosition At, long TimeNs);

/// <summary>Levels of a book line; with <see cref="ReplacesSides"/>, a listed side loses every level not listed.</summary>
public sealed record BookEvent(SourcePosition At, long TimeNs, bool ReplacesSides,
    ImmutableArray<BookLevel>? Bids, ImmutableArray<BookLevel>? Asks) : ScenarioEvent(At, TimeNs);

public sealed record TradeEvent(SourcePosition At, long TimeNs, bool BuyerAggressor, Quantity Size, Price Price) : ScenarioEvent(At, TimeNs);

public sealed record StatusEvent(SourcePosition At, long TimeNs, bool Halted) : ScenarioEvent(At, TimeNs);

/// <summary>An expected action (null: <c>nothing</c>) at a time, optionally by a named decision.</summary>
public sealed record BoundExpectation(SourcePosition At, long TimeNs, ScenarioAction? Action, string? Decision);
