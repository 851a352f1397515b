using System.Collections.Immutable;
using ScalpLang.Runtime.Abi;
using Sprache;
using static ScalpLang.Backtest.Scenarios.ScenarioTokens;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// The statements of a .scn line (docs/scenarios.md): headers, <c>at T ...</c> market lines and
/// <c>expect at T ...</c> lines. Each parser yields a <see cref="ScenarioHeader"/>,
/// <see cref="MarketLine"/> or <see cref="Expectation"/>.
/// </summary>
internal static class ScenarioGrammar
{
    private static readonly Parser<object> Strategy =
        from at in Here from _ in Keyword("strategy") from name in Name select (object)new StrategyHeader(at, name);

    private static readonly Parser<object> Param =
        from at in Here from _ in Keyword("param") from name in Name from eq in Symbol('=') from value in Value
        select (object)new ParamHeader(at, name, value);

    private static readonly Parser<object> Capital =
        from at in Here from _ in Keyword("capital") from amount in Number select (object)new CapitalHeader(at, amount.Value);

    private static readonly Parser<object> Allow =
        from at in Here from _ in Keyword("allow") from other in Keyword("other") from actions in Keyword("actions")
        select (object)new AllowOtherActionsHeader(at);

    // ---- market lines -------------------------------------------------------------------

    /// <summary><c>PRICE x SIZE</c>, the x glued or spaced: <c>100.00x500</c>, <c>100.00 x 500</c>.</summary>
    private static readonly Parser<WrittenLevel> Level =
        from price in Number from x in Symbol('x') from size in Number select new WrittenLevel(price, size);

    private static Parser<ImmutableArray<WrittenLevel>> Side(string side) =>
        from _ in Keyword(side) from levels in Level.XAtLeastOnce() select levels.ToImmutableArray();

    /// <summary>Bids first when both sides are given, so each side appears at most once.</summary>
    private static readonly Parser<(ImmutableArray<WrittenLevel>? Bids, ImmutableArray<WrittenLevel>? Asks)> Sides =
        (from bids in Side("bid") from asks in Side("ask").XOptional()
         select ((ImmutableArray<WrittenLevel>?)bids, asks.IsDefined ? asks.Get() : (ImmutableArray<WrittenLevel>?)null))
        .Or(from asks in Side("ask") select ((ImmutableArray<WrittenLevel>?)null, (ImmutableArray<WrittenLevel>?)asks));

    private static Parser<MarketLine> Book(SourcePosition at, long time) =>
        from kind in OneOf("book", "update") from sides in Sides
        select (MarketLine)new BookLine(at, time, kind == "book", sides.Bids, sides.Asks);

    private static Parser<MarketLine> Trade(SourcePosition at, long time) =>
        from _ in Keyword("trade") from side in OneOf("buy", "sell") from size in Number from a in Symbol('@') from price in Number
        select (MarketLine)new TradeLine(at, time, side == "buy", size, price);

    private static Parser<MarketLine> Status(SourcePosition at, long time) =>
        from word in OneOf("halt", "resume") select (MarketLine)new StatusLine(at, time, word == "halt");

    private static readonly Parser<object> Market =
        from _ in Keyword("at") from at in Here from time in Duration
        from line in Book(at, time).Or(Trade(at, time)).Or(Status(at, time))
        select (object)line;

    // ---- expectations -------------------------------------------------------------------

    private static readonly Parser<WrittenSlicer> TimeSlicer =
        from algorithm in OneOf("twap", "vwap") from over in Keyword("over") from duration in Duration
        from s in Keyword("slices") from slices in Count
        select new WrittenSlicer(algorithm == "twap" ? SliceAlgorithm.Twap : SliceAlgorithm.Vwap, duration, slices);

    private static readonly Parser<WrittenSlicer> IcebergSlicer =
        from _ in Keyword("iceberg") from show in Keyword("show") from quantity in Number
        select new WrittenSlicer(SliceAlgorithm.Iceberg, 0, 0, quantity);

    private static readonly Parser<WrittenSlicer> Via =
        from _ in Keyword("via") from slicer in IcebergSlicer.Or(TimeSlicer)
        select slicer;

    private static readonly Parser<Written?> LimitOrMarket =
        Keyword("market").Return((Written?)null)
            .Or(from _ in Keyword("at") from price in Number select (Written?)price);

    private static readonly Parser<ExpectedAction?> Trading =
        from side in OneOf("buy", "sell") from quantity in Number from limit in LimitOrMarket from via in Via.XOptional()
        select (ExpectedAction?)new ExpectedAction(side == "buy" ? ActionKind.Buy : ActionKind.Sell, quantity, limit,
            via.IsDefined ? via.Get() : null, 0);

    private static readonly Parser<ExpectedAction?> Flatten =
        from _ in Keyword("flatten")
        from wait in (from then in Keyword("then") from w in Keyword("wait") from d in Duration select d).XOptional()
        select (ExpectedAction?)new ExpectedAction(ActionKind.Flatten, null, null, null, wait.GetOrDefault());

    private static Parser<ExpectedAction?> Simple(ActionKind kind, string word) =>
        Keyword(word).Return((ExpectedAction?)new ExpectedAction(kind, null, null, null, 0));

    private static readonly Parser<ExpectedAction?> Nothing = Keyword("nothing").Return((ExpectedAction?)null);

    private static readonly Parser<object> Expect =
        from _ in Keyword("expect") from a in Keyword("at") from at in Here from time in Duration
        from action in Trading.Or(Flatten).Or(Simple(ActionKind.CancelAll, "cancel_all")).Or(Simple(ActionKind.Wait, "wait"))
            .Or(Simple(ActionKind.Wait, "hold")).Or(Simple(ActionKind.Kill, "kill")).Or(Nothing)
        from decision in (from b in Keyword("by") from name in Name select name).XOptional()
        select (object)new Expectation(at, time, action, decision.GetOrDefault());

    public static readonly Parser<object> Statement = Strategy.Or(Param).Or(Capital).Or(Allow).Or(Market).Or(Expect);
}
