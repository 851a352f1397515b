using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest.Tests.Tape;

/// <summary>
/// Sits between a data source and a <see cref="TapeRecorder"/>: after every source event it hashes
/// the recorder's full book to its top N, notes which source events changed that top N (or
/// carried a trade or a status), and whenever the writer completed an event, which source event
/// it was and the book hash the tape must replay to.
/// </summary>
internal sealed class RecorderProbe : IReplayTarget
{
    private readonly TapeRecorder _recorder;
    private readonly TapeWriter _writer;
    private readonly BookLevel[] _levels;
    private long _previous = TopHash(new DepthBook(1), new BookLevel[1]); // the empty book
    private long _sourceEvents;

    public RecorderProbe(TapeRecorder recorder, TapeWriter writer)
    {
        _recorder = recorder;
        _writer = writer;
        _levels = new BookLevel[writer.Depth];
    }

    public OrderBook Book => _recorder.Book;

    /// <summary>Source events seen (each one event of an order-level engine).</summary>
    public long SourceEvents => _sourceEvents;

    /// <summary>Source events that changed the top N, or carried a trade or a status.</summary>
    public long Visible { get; private set; }

    /// <summary>Per tape event: the index (0-based) of the source event that wrote it.</summary>
    public List<long> SourceOfEvent { get; } = [];

    /// <summary>Per tape event: the hash of the source book's top N right after it.</summary>
    public List<long> BookOfEvent { get; } = [];

    /// <summary>
    /// Source events on which the source's book completion (a LOBSTER reveal) changed the size of
    /// (or removed) a level already in the top N: the order-level engine counts no added or cancelled size for
    /// that correction, the tape (a Change record) does.
    /// </summary>
    public HashSet<long> Corrected { get; } = [];

    private Action? _complete;

    public Action? CompleteBook
    {
        get => _complete;
        set
        {
            _complete = value;
            _recorder.CompleteBook = value is null ? null : CompleteAndWatch;
        }
    }

    private void CompleteAndWatch()
    {
        var before = new BookLevel[2 * _levels.Length];
        int bids = _recorder.Book.CopyLevels(Side.Buy, before.AsSpan(0, _levels.Length));
        int asks = _recorder.Book.CopyLevels(Side.Sell, before.AsSpan(bids, _levels.Length));
        _complete!();
        foreach (var (side, levels) in new[] { (Side.Buy, before[..bids]), (Side.Sell, before[bids..(bids + asks)]) })
        {
            foreach (var level in levels)
            {
                var now = _recorder.Book.SizeAt(side, level.Price);
                if (now != level.Size)
                    Corrected.Add(_sourceEvents);
            }
        }
    }

    public void OnOrderAdded(in BookOrderAdded e)
    {
        long before = _writer.Events;
        _recorder.OnOrderAdded(e);
        After(before, false);
    }

    public void OnOrderCancelled(in BookOrderCancelled e)
    {
        long before = _writer.Events;
        _recorder.OnOrderCancelled(e);
        After(before, false);
    }

    public void OnOrderDeleted(in BookOrderDeleted e)
    {
        long before = _writer.Events;
        _recorder.OnOrderDeleted(e);
        After(before, false);
    }

    public void OnOrderExecuted(in BookOrderExecuted e)
    {
        long before = _writer.Events;
        _recorder.OnOrderExecuted(e);
        After(before, true);
    }

    public void OnLevelUpdated(in BookLevelUpdated e)
    {
        long before = _writer.Events;
        _recorder.OnLevelUpdated(e);
        After(before, false);
    }

    public void OnTrade(in TradeTick e)
    {
        long before = _writer.Events;
        _recorder.OnTrade(e);
        After(before, true);
    }

    public void OnTradingStatus(in TradingStatusChanged e)
    {
        long before = _writer.Events;
        _recorder.OnTradingStatus(e);
        After(before, true);
    }

    public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
    {
        long before = _writer.Events;
        _recorder.OnLevelsUpdated(tsEvent, updates);
        After(before, false);
    }

    private void After(long events, bool alwaysSeen)
    {
        long hash = TopHash(_recorder.Book, _levels);
        if (alwaysSeen || hash != _previous)
            Visible++;
        _previous = hash;
        if (_writer.Events != events)
        {
            Assert.Equal(events + 1, _writer.Events);
            SourceOfEvent.Add(_sourceEvents);
            BookOfEvent.Add(hash);
        }
        _sourceEvents++;
    }

    /// <summary>A hash of both sides' top <c>levels.Length</c> levels (FNV-style over prices and sizes).</summary>
    public static long TopHash(IBookView book, BookLevel[] levels)
    {
        long hash = unchecked((long)14695981039346656037UL);
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            int n = book.CopyLevels(side, levels);
            hash = unchecked((hash ^ n) * 1099511628211L);
            for (int i = 0; i < n; i++)
            {
                hash = unchecked((hash ^ levels[i].Price.Ticks) * 1099511628211L);
                hash = unchecked((hash ^ levels[i].Size.Lots) * 1099511628211L);
            }
        }
        return hash;
    }
}
