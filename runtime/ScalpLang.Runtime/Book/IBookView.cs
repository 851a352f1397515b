using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

/// <summary>
/// The aggregated (L2) read side every book offers the host: the view builder and the venue read
/// the book only through it, so an L3 <see cref="OrderBook"/> and a fixed-depth
/// <see cref="DepthBook"/> drive the same engine.
/// </summary>
public interface IBookView
{
    bool TryGetBest(Side side, out BookLevel best);

    /// <summary>Copies up to <c>destination.Length</c> levels of <paramref name="side"/>, best first; returns how many.</summary>
    int CopyLevels(Side side, Span<BookLevel> destination);

    /// <summary>How many places from the best <paramref name="price"/> is (0 = best), looking at most <paramref name="maxLevels"/> deep; -1 if not there.</summary>
    int IndexOfLevel(Side side, Price price, int maxLevels);

    /// <summary>
    /// Running size sums over the top <c>cumulativeQ16.Length</c> levels, best first, in Q47.16
    /// lots (entry i = levels 0..i; past the side's last level the total repeats). Returns the
    /// best price in Q47.16 ticks, 0 for an empty side. What a strategy's view needs, in one pass.
    /// </summary>
    long CumulativeDepth(Side side, Span<long> cumulativeQ16);
}
