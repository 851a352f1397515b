using ScalpLang.Backtest;
using ScalpLang.Backtest.News;
using ScalpLang.Ml.Sentiment;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.News;

namespace ScalpLang.Cli;

/// <summary>
/// <c>--news PATH.csv</c> (and <c>--news-bad-rows stop|skip</c>): the headline stream of a strategy
/// that declares a <c>sentiment</c>. Required by such a strategy, refused by one that reads no
/// news. The file is read once before the run (a bad row stops there, with <c>file:line: reason</c>),
/// then streamed again by the replay, scoring each headline once.
/// </summary>
internal sealed class NewsOption : IDisposable
{
    private readonly SentimentScorer _scorer;
    private readonly string _path;
    private readonly BadRowPolicy _policy;
    private readonly string? _symbol;
    private readonly int _slots;
    private NewsCsvReader? _reader;

    private NewsOption(SentimentScorer scorer, string path, BadRowPolicy policy, string? symbol, int slots) =>
        (_scorer, _path, _policy, _symbol, _slots) = (scorer, path, policy, symbol, slots);

    /// <summary>Rows the check before the run passed over (<c>--news-bad-rows skip</c>), and the first of them.</summary>
    public long Skipped { get; private set; }
    public string? FirstSkipped { get; private set; }

    /// <summary>The replay of the last run started (its counts), or null.</summary>
    public NewsReplay? Replay { get; private set; }

    /// <summary>
    /// Checks the option against the strategy and the file. Returns null with <paramref name="exit"/>
    /// = 0 when the strategy reads no news and none was given; null with a non-zero exit after
    /// printing the reason.
    /// </summary>
    public static NewsOption? Prepare(string command, string strategyPath, StrategyMetadata metadata, string? newsPath, string badRows,
        TextWriter stderr, out int exit)
    {
        exit = ExitCodes.Success;
        var slots = metadata.SentimentSlots;
        BadRowPolicy? policy = badRows switch { "stop" => BadRowPolicy.Stop, "skip" => BadRowPolicy.Skip, _ => null };
        if (policy is null)
            return Fail(stderr, command, $"--news-bad-rows {badRows}: use stop or skip", ExitCodes.UsageOrIo, out exit);
        if (slots.IsEmpty)
        {
            if (newsPath is not null)
                return Fail(stderr, command, $"--news {newsPath}: strategy {metadata.Name} declares no sentiment, so it reads no headlines", ExitCodes.UsageOrIo, out exit);
            return null;
        }
        var names = string.Join(", ", slots.Select(s => $"'{s.Name}'"));
        if (newsPath is null)
            return Fail(stderr, command, $"{strategyPath}: strategy {metadata.Name} reads headlines (sentiment {names}): give them with --news PATH.csv (time,headline[,symbol])",
                ExitCodes.UsageOrIo, out exit);
        if (Directory.Exists(newsPath) || !File.Exists(newsPath))
            return Fail(stderr, command, $"--news {newsPath}: no such file", ExitCodes.UsageOrIo, out exit);
        if (slots.FirstOrDefault(s => s.ModelPath is null) is { } unread)
            return Fail(stderr, command, $"sentiment '{unread.Name}': its model file was not checked when the strategy was compiled", ExitCodes.Errors, out exit);
        long skipped;
        string? firstSkipped;
        try
        {
            using var check = new NewsCsvReader(newsPath, policy.Value);
            while (check.Read())
            {
            }
            if (check.Error is { } bad)
                return Fail(stderr, command, bad.ToString(), ExitCodes.Errors, out exit);
            (skipped, firstSkipped) = (check.Skipped, check.FirstSkipped?.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, command, $"--news {newsPath}: {e.Message}", ExitCodes.UsageOrIo, out exit);
        }
        var scorer = SentimentScorer.Load([.. slots.Select(s => s.ModelPath!)], out var loadError);
        if (scorer is null)
            return Fail(stderr, command, loadError!, ExitCodes.Errors, out exit);
        return new NewsOption(scorer, newsPath, policy.Value, metadata.Instrument?.Symbol, slots.Length) { Skipped = skipped, FirstSkipped = firstSkipped };
    }

    /// <summary>Attaches a fresh replay of the file to <paramref name="engine"/> (call as the run starts).</summary>
    public void Attach(BacktestEngine engine)
    {
        _reader?.Dispose();
        _reader = new NewsCsvReader(_path, _policy);
        Replay = new NewsReplay(_reader, _scorer, _symbol, _slots);
        engine.News = Replay;
    }

    /// <summary>One line for stderr: how the headlines met the market data.</summary>
    public string Summary()
    {
        var r = Replay;
        var text = r is null ? "news: no run" :
            $"news: {r.Applied} headline(s) applied, {r.AfterLastEvent} after the last event, {r.OtherSymbol} for another symbol";
        return Skipped > 0 ? $"{text}; {Skipped} bad row(s) skipped (first: {FirstSkipped})" : text;
    }

    private static NewsOption? Fail(TextWriter stderr, string command, string message, int code, out int exit)
    {
        stderr.WriteLine($"scalp {command}: {message}");
        exit = code;
        return null;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _scorer.Dispose();
    }
}
