using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.News;

namespace ScalpLang.Backtest.News;

/// <summary>
/// Joins a headline stream to the market data by time: before the strategy evaluates an event at
/// time <c>t</c>, every headline with time <c>&lt;= t</c> not yet applied is scored and stored in
/// the strategy's sentiment slots, in file order (so the last of several wins). A headline at
/// exactly an event's time is therefore visible to that event. Headlines for another symbol are
/// passed over; those after the last event are never applied (counted by <see cref="Finish"/>).
/// </summary>
public sealed class NewsReplay(NewsCsvReader reader, IHeadlineScorer scorer, string? symbol, int slots)
{
    private readonly long[] _scores = new long[slots];
    private Headline? _next;
    private bool _started;
    private bool _ended;

    public long Applied { get; private set; }
    public long OtherSymbol { get; private set; }
    public long AfterLastEvent { get; private set; }

    /// <summary>The time of the last headline applied, or null before the first.</summary>
    public long? LastAppliedAt { get; private set; }

    /// <summary>The reader's first bad row (the replay stopped applying there), or null.</summary>
    public string? Error => reader.Error?.ToString();

    /// <summary>Applies the headlines due at <paramref name="ts"/>. Per event: one comparison unless a headline is due.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Advance(long ts, CompiledStrategy strategy)
    {
        if (_ended || _started && _next!.TsNs > ts)
            return;
        ApplyDue(ts, strategy);
    }

    private void ApplyDue(long ts, CompiledStrategy strategy)
    {
        if (!_started)
        {
            _started = true;
            MoveNext();
        }
        while (!_ended && _next!.TsNs <= ts)
        {
            if (_next.Concerns(symbol))
            {
                scorer.Score(_next.Text, _scores);
                for (var i = 0; i < _scores.Length; i++)
                    strategy.SetSentiment(i, _scores[i]);
                Applied++;
                LastAppliedAt = _next.TsNs;
            }
            else
            {
                OtherSymbol++;
            }
            MoveNext();
        }
    }

    private void MoveNext()
    {
        if (reader.Read())
            _next = reader.Current;
        else
            _ended = true;
    }

    /// <summary>Counts the headlines after the last event (read, not scored).</summary>
    public void Finish()
    {
        if (!_started)
        {
            _started = true;
            MoveNext();
        }
        while (!_ended)
        {
            if (_next!.Concerns(symbol))
                AfterLastEvent++;
            else
                OtherSymbol++;
            MoveNext();
        }
    }
}
