namespace ScalpLang.Backtest.News;

/// <summary>
/// Scores one headline with each of a strategy's sentiment models (the ML.NET implementation
/// lives in runtime/ScalpLang.Ml). Called once per headline, never per market event.
/// </summary>
public interface IHeadlineScorer
{
    /// <summary>Writes each slot's probability that <paramref name="text"/> is positive, quantised to raw Q47.16 (0..65536).</summary>
    void Score(string text, Span<long> slots);
}
