using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Exchange;

/// <summary>
/// The book as subscribers last saw it, and the change that brings them to the book as it is
/// now: every level whose size differs (0 new, 1 change) and every level gone (2 delete), bids
/// best first, then offers, then deletions. Comparing whole books rather than trusting each event
/// means anything that moved the book (an event, a LOBSTER row's correction) is published.
/// </summary>
internal sealed class PublishedBook
{
    private readonly Dictionary<(Side Side, long Ticks), (long Lots, long Seen)> _levels = [];
    private readonly List<(Side, long)> _gone = [];
    private BookLevel[] _scratch = new BookLevel[256];
    private long _generation;

    /// <summary>Appends the change from the published book to <paramref name="book"/>, and takes it as published.</summary>
    public void Diff(OrderBook book, List<LevelChange> changes)
    {
        _generation++;
        foreach (var side in (ReadOnlySpan<Side>)[Side.Buy, Side.Sell])
        {
            var count = book.LevelCount(side);
            if (_scratch.Length < count)
                _scratch = new BookLevel[Math.Max(count, 2 * _scratch.Length)];
            count = book.CopyLevels(side, _scratch);
            for (var i = 0; i < count; i++)
            {
                var (price, lots) = (_scratch[i].Price.Ticks, _scratch[i].Size.Lots);
                if (!_levels.TryGetValue((side, price), out var before))
                    changes.Add(new LevelChange('0', side, price, lots));
                else if (before.Lots != lots)
                    changes.Add(new LevelChange('1', side, price, lots));
                _levels[(side, price)] = (lots, _generation);
            }
        }
        _gone.Clear();
        foreach (var (key, value) in _levels)
        {
            if (value.Seen != _generation)
                _gone.Add(key);
        }
        _gone.Sort();
        foreach (var (side, price) in _gone)
        {
            _levels.Remove((side, price));
            changes.Add(new LevelChange('2', side, price, 0));
        }
    }

    /// <summary>The published book for a snapshot: bids best first, then offers best first.</summary>
    public List<(Side Side, long Ticks, long Lots)> Levels() =>
        [.. _levels.OrderBy(p => p.Key.Side).ThenBy(p => p.Key.Side == Side.Buy ? -p.Key.Ticks : p.Key.Ticks).Select(p => (p.Key.Side, p.Key.Ticks, p.Value.Lots))];
}
