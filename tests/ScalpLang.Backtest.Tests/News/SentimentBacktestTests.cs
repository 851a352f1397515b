using ScalpLang.Backend.Il;
using ScalpLang.Backtest.News;
using ScalpLang.Backtest.Tests.Venue;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Ml.Sentiment;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.News;

namespace ScalpLang.Backtest.Tests.News;

/// <summary>
/// End to end on self-made data: the committed example sentiment model scores a small headline
/// file, the strategy runs over the seeded synthetic flow, and every decision is checked against
/// the hand computation "buy on each event whose latest headline scored above 0.65, stand aside
/// otherwise".
/// </summary>
public sealed class SentimentBacktestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-sentiment-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string ModelPath => Path.Combine(StrategyKit.Root(), "examples", "models", "sentiment.zip");

    private sealed class Log : IActionObserver, IRunObserver
    {
        public List<(long Ts, ActionKind Kind)> Actions { get; } = [];
        public List<long> Events { get; } = [];

        public void Observe(long now, in StrategyAction action) => Actions.Add((now, action.Kind));
        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position) => Events.Add(ts);
        public void OnFill(in OwnFill fill)
        {
        }
        public void OnKill(long ts, string reason)
        {
        }
    }

    private CompiledStrategy Compile()
    {
        File.Copy(ModelPath, Path.Combine(_folder, "sentiment.zip"));
        var path = Path.Combine(_folder, "news_buyer.scalp");
        File.WriteAllText(path, """
            strategy NewsBuyer
            instrument "SYN" tick 0.01 lot 1 currency USD
            sentiment mood = "sentiment.zip"
            rule buy_good_news priority 1 when mood > 0.65 => buy 1 lot at market
            risk max_position 100000 lots
            """);
        var program = FrontEnd.Check(SourceText.From(File.ReadAllText(path), path, path), sentiments: new SentimentModelReader());
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var (strategy, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        strategy.Start();
        return strategy;
    }

    [Fact]
    public void Buys_exactly_on_the_events_after_a_positive_headline_until_a_negative_one()
    {
        var data = new DataSpec(DataKind.Synthetic, "seed=3,events=3000");
        // First pass: the event times, to place headlines among (and exactly on) them.
        var times = new Log();
        BacktestRunner.Run(StrategyKit.Start("strategy T\n" + StrategyKit.Header + "rule r priority 1 when spread < 0 => buy 1 lot at market"),
            data, out var firstError, started: e => e.RunObserver = times);
        Assert.Null(firstError);
        var t = times.Events;
        Assert.Equal(3000, t.Count);

        (long Ts, string Text)[] headlines =
        [
            (t[500], "Acme Corp beats estimates in third quarter"),  // exactly on an event
            (t[1200] + 1, "Globex plunges after earnings call"),      // just after an event
            (t[1800] - 1, "Hooli wins contract, analysts say"),       // just before an event
            (t[2500], "Initech recall announced"),
        ];
        var newsPath = Path.Combine(_folder, "news.csv");
        File.WriteAllLines(newsPath, ["time,headline", .. headlines.Select(h => $"{h.Ts},\"{h.Text}\"")]);

        using var scorer = SentimentScorer.Load([ModelPath], out var loadError)!;
        Assert.Null(loadError);
        var scores = headlines.Select(h => Score(scorer, h.Text)).ToArray();
        // 0.65 in the rule is stored as raw 42598 (0.65 * 65536 = 42598.4, nearest).
        const long Threshold = 42598;
        Assert.True(scores[0] > Threshold && scores[2] > Threshold, $"positive headlines score above 0.65: {scores[0]}, {scores[2]}");
        Assert.True(scores[1] < 22938 && scores[3] < 22938, $"negative headlines score below 0.35: {scores[1]}, {scores[3]}");

        // Hand computation: an event buys when the last headline at or before it scored above the threshold.
        var expected = new List<long>();
        foreach (var ts in t)
        {
            var latest = Array.FindLastIndex(headlines, h => h.Ts <= ts);
            if (latest >= 0 && scores[latest] > Threshold)
                expected.Add(ts);
        }
        Assert.Equal(701 + 700, expected.Count); // events 500..1200 and 1800..2499

        var strategy = Compile();
        var log = new Log();
        var engine = (BacktestEngine?)null;
        using var reader = new NewsCsvReader(newsPath);
        var replay = new NewsReplay(reader, scorer, "SYN", 1);
        BacktestRunner.Run(strategy, data, out var error, started: e =>
        {
            engine = e;
            e.News = replay;
            e.Observer = log;
        });
        Assert.Null(error);
        Assert.Equal(expected, log.Actions.Where(a => a.Kind == ActionKind.Buy).Select(a => a.Ts).Distinct());
        Assert.All(log.Actions, a => Assert.Equal(ActionKind.Buy, a.Kind));
        Assert.Equal(4, replay.Applied);
        Assert.Equal(scores[3], strategy.SentimentValue(0));
    }

    private static long Score(SentimentScorer scorer, string text)
    {
        Span<long> slot = stackalloc long[1];
        scorer.Score(text, slot);
        return slot[0];
    }
}
