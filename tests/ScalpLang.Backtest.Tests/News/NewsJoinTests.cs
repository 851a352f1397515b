using ScalpLang.Backtest.News;
using ScalpLang.Backtest.Tests.Venue;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.News;

namespace ScalpLang.Backtest.Tests.News;

/// <summary>
/// The headline stream joined to hand-built market events by time (grammar/README.md §3.13): a
/// headline at t is visible from the first event at or after t, several at once leave the last,
/// headlines after the last event are never applied, and each headline is scored once.
/// </summary>
public sealed class NewsJoinTests : IDisposable
{
    private const string Strategy = """
        strategy NewsJoin
        instrument "X" tick 0.01 lot 1 currency USD
        book depth 1
        sentiment mood = "unused.zip"
        rule up   priority 2 when mood > 0.7 => buy 1 lot at market
        rule down priority 1 when mood < 0.3 => cancel_all
        risk max_position 1000 lots
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-news-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>"good" scores 0.9155 (raw 60000), "bad" 0.0153 (raw 1000), anything else 0.5; counts its calls.</summary>
    private sealed class WordScorer : IHeadlineScorer
    {
        public int Calls { get; private set; }

        public void Score(string text, Span<long> slots)
        {
            Calls++;
            slots[0] = text.Contains("good", StringComparison.Ordinal) ? 60_000 : text.Contains("bad", StringComparison.Ordinal) ? 1_000 : 32_768;
        }
    }

    private sealed class ActionLog : IActionObserver
    {
        public List<(double Ms, ActionKind Kind)> Actions { get; } = [];

        public void Observe(long now, in StrategyAction action) => Actions.Add((now / (double)EngineFeed.Ms, action.Kind));
    }

    /// <summary>Events at 1, 2 and 3 ms over a one-level book; returns the actions and the replay's counts.</summary>
    private (List<(double Ms, ActionKind Kind)> Actions, NewsReplay Replay, WordScorer Scorer, CompiledStrategy Strategy) Run(params string[] rows)
    {
        var path = Path.Combine(_folder, $"news{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["time,headline,symbol", .. rows]);
        var strategy = StrategyKit.Start(Strategy);
        var engine = new BacktestEngine(strategy, new OrderBook(), 1_000_000);
        var log = new ActionLog();
        var scorer = new WordScorer();
        using var reader = new NewsCsvReader(path);
        var replay = new NewsReplay(reader, scorer, "X", slots: 1);
        engine.News = replay;
        engine.Observer = log;
        Add(engine, 1, 1, Side.Buy, 100);
        Add(engine, 2, 2, Side.Sell, 101);
        Add(engine, 3, 3, Side.Sell, 102);
        engine.Finish();
        Assert.Null(replay.Error);
        return (log.Actions, replay, scorer, strategy);
    }

    private static void Add(BacktestEngine engine, long ms, long id, Side side, long price) =>
        engine.OnOrderAdded(new BookOrderAdded(ms * EngineFeed.Ms, ms * EngineFeed.Ms, id, side, new Price(price), new Quantity(50)));

    private static string At(double ms) => ((long)(ms * EngineFeed.Ms)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Before_any_headline_the_sentiment_is_neutral_and_no_rule_fires()
    {
        var (actions, replay, scorer, strategy) = Run();
        Assert.Empty(actions);
        Assert.Equal(0, replay.Applied);
        Assert.Equal(0, scorer.Calls);
        Assert.Equal(CompiledStrategy.NeutralSentiment, strategy.SentimentValue(0));
    }

    [Fact]
    public void A_headline_before_the_first_event_is_seen_by_the_first_event()
    {
        var (actions, replay, _, strategy) = Run($"{At(0.5)},good news,");
        Assert.Equal([(1.0, ActionKind.Buy), (2.0, ActionKind.Buy), (3.0, ActionKind.Buy)], actions);
        Assert.Equal(1, replay.Applied);
        Assert.Equal(60_000, strategy.SentimentValue(0));
    }

    [Fact]
    public void A_headline_at_an_events_exact_time_is_seen_by_that_event_not_before()
    {
        var (actions, _, _, _) = Run($"{At(2)},good news,");
        Assert.Equal([(2.0, ActionKind.Buy), (3.0, ActionKind.Buy)], actions);
    }

    [Fact]
    public void Between_events_a_headline_waits_for_the_next_event_and_the_latest_replaces_the_earlier()
    {
        var (actions, replay, scorer, _) = Run($"{At(1.5)},good news,", $"{At(2.5)},bad news,");
        Assert.Equal([(2.0, ActionKind.Buy), (3.0, ActionKind.CancelAll)], actions);
        Assert.Equal(2, scorer.Calls); // once per headline, not per event
        Assert.Equal(2, replay.Applied);
    }

    [Fact]
    public void Several_headlines_due_at_once_leave_the_last_in_file_order()
    {
        var (actions, _, scorer, _) = Run($"{At(2)},good news,", $"{At(2)},bad news,");
        Assert.Equal([(2.0, ActionKind.CancelAll), (3.0, ActionKind.CancelAll)], actions);
        Assert.Equal(2, scorer.Calls);
    }

    [Fact]
    public void Headlines_after_the_last_event_are_counted_and_never_applied()
    {
        var (actions, replay, scorer, strategy) = Run($"{At(3.000001)},good news,", $"{At(9)},bad news,");
        Assert.Empty(actions);
        Assert.Equal(0, replay.Applied);
        Assert.Equal(2, replay.AfterLastEvent);
        Assert.Equal(0, scorer.Calls);
        Assert.Equal(CompiledStrategy.NeutralSentiment, strategy.SentimentValue(0));
    }

    [Fact]
    public void Headlines_about_another_symbol_are_passed_over()
    {
        var (actions, replay, _, _) = Run($"{At(0)},good news,OTHER", $"{At(2)},good news,x");
        Assert.Equal([(2.0, ActionKind.Buy), (3.0, ActionKind.Buy)], actions);
        Assert.Equal(1, replay.OtherSymbol);
        Assert.Equal(1, replay.Applied);
    }

    [Fact]
    public void A_bad_row_stops_the_replay_with_file_and_line()
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(path, ["time,headline", $"{At(0)},good news", "yesterday,bad news"]);
        var engine = new BacktestEngine(StrategyKit.Start(Strategy), new OrderBook(), 1_000_000);
        using var reader = new NewsCsvReader(path);
        var replay = new NewsReplay(reader, new WordScorer(), "X", 1);
        engine.News = replay;
        Add(engine, 1, 1, Side.Buy, 100);
        engine.Finish();
        Assert.StartsWith($"{path}:3: time 'yesterday'", replay.Error);
        Assert.Equal(1, replay.Applied);
    }
}
