using System.Collections.Immutable;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>A 1-based line and column in a .scn file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// A .scn file as written (docs/scenarios.md): numbers are still the trader's decimals (currency,
/// shares); <see cref="ScenarioBinder"/> turns them into ticks and lots with the instrument.
/// </summary>
public sealed record ScenarioFile(
    string Path,
    ImmutableArray<ScenarioHeader> Headers,
    ImmutableArray<MarketLine> Market,
    ImmutableArray<Expectation> Expectations);

public abstract record ScenarioHeader(SourcePosition At);

/// <summary><c>strategy NAME</c>: the scenario is for this strategy (checked against its declared name).</summary>
public sealed record StrategyHeader(SourcePosition At, string Name) : ScenarioHeader(At);

/// <summary><c>param NAME = VALUE</c>: a load-time override, written as on the command line.</summary>
public sealed record ParamHeader(SourcePosition At, string Name, string Value) : ScenarioHeader(At);

/// <summary><c>capital AMOUNT</c>: starting equity in the instrument's currency (drawdown is a share of it).</summary>
public sealed record CapitalHeader(SourcePosition At, decimal Amount) : ScenarioHeader(At);

/// <summary><c>allow other actions</c>: actions no expectation mentions do not fail the scenario.</summary>
public sealed record AllowOtherActionsHeader(SourcePosition At) : ScenarioHeader(At);

/// <summary>A number as written, with where it was written (for errors about its value).</summary>
public readonly record struct Written(decimal Value, SourcePosition At);

/// <summary>One <c>PRICE x SIZE</c> level of a book line.</summary>
public readonly record struct WrittenLevel(Written Price, Written Size);

/// <summary>A time-stamped market line; <see cref="TimeNs"/> is relative to the scenario epoch.</summary>
public abstract record MarketLine(SourcePosition At, long TimeNs);

/// <summary>
/// <c>at T book ...</c> (<see cref="ReplacesSides"/>: each listed side becomes exactly the listed
/// levels) or <c>at T update ...</c> (only the listed levels change; size 0 removes one).
/// </summary>
public sealed record BookLine(SourcePosition At, long TimeNs, bool ReplacesSides,
    ImmutableArray<WrittenLevel>? Bids, ImmutableArray<WrittenLevel>? Asks) : MarketLine(At, TimeNs);

/// <summary><c>at T trade buy|sell SIZE @ PRICE</c>: a print; <see cref="BuyerAggressor"/> when it lifted the offer.</summary>
public sealed record TradeLine(SourcePosition At, long TimeNs, bool BuyerAggressor, Written Size, Written Price)
    : MarketLine(At, TimeNs);

/// <summary><c>at T halt</c> / <c>at T resume</c>: a trading-status event.</summary>
public sealed record StatusLine(SourcePosition At, long TimeNs, bool Halted) : MarketLine(At, TimeNs);

/// <summary>A slicer as written after <c>via</c>: twap/vwap: OverNs and Slices; iceberg: Show, the shown quantity as written (shares or contracts).</summary>
public sealed record WrittenSlicer(SliceAlgorithm Algorithm, long OverNs, long Slices, Written? Show = null);

/// <summary>
/// <c>expect at T ACTION [by DECISION]</c>; <see cref="Action"/> is null for <c>expect at T nothing</c>.
/// </summary>
public sealed record Expectation(SourcePosition At, long TimeNs, ExpectedAction? Action, string? Decision);

/// <summary>
/// An action as written. <see cref="Quantity"/> (shares or contracts) and <see cref="Limit"/>
/// (currency; null for a market order) only for buy/sell; <see cref="StandAsideNs"/> only for flatten.
/// </summary>
public sealed record ExpectedAction(ActionKind Kind, Written? Quantity, Written? Limit, WrittenSlicer? Slicer, long StandAsideNs);
