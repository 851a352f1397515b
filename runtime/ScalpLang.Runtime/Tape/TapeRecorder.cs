using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// Turns any market-data stream (L3 messages, L2 rows, trades) into a tape of the top N levels
/// per side: it keeps the full book, and after each event writes the fewest level operations
/// that bring a mirror of what a tape reader holds (a <see cref="DepthBook"/>) to the book's top
/// N, trade and status records first. An event that changes nothing within the top N and carries
/// no trade writes nothing: an N-level feed does not see it.
/// </summary>
public sealed class TapeRecorder : IReplayTarget
{
    private readonly TapeWriter _writer;
    private readonly OrderBook _book = new();
    private readonly DepthBook _mirror;
    private readonly BookLevel[] _target;
    private readonly List<(Side Side, long Price)> _touched = [];
    private long _ts;
    private bool _synced;

    public TapeRecorder(TapeWriter writer)
    {
        _writer = writer;
        _mirror = new DepthBook(writer.Depth);
        _target = new BookLevel[writer.Depth];
    }

    /// <summary>The full book the recorder keeps (sources that seed or reveal levels write to it).</summary>
    public OrderBook Book => _book;

    public long SourceEvents { get; private set; }

    public Action? CompleteBook { get; set; }

    public void OnOrderAdded(in BookOrderAdded e)
    {
        Begin(e.TsEvent, e.Side, e.Price);
        _book.Apply(in e);
        End();
    }

    public void OnOrderCancelled(in BookOrderCancelled e)
    {
        Begin(e.TsEvent, e.Side, e.Price);
        _book.Apply(in e);
        End();
    }

    public void OnOrderDeleted(in BookOrderDeleted e)
    {
        Begin(e.TsEvent, e.Side, e.Price);
        _book.Apply(in e);
        End();
    }

    public void OnOrderExecuted(in BookOrderExecuted e)
    {
        _ts = e.TsEvent;
        WriteTrade(e.Price.Ticks << 16, e.ExecutedSize.Lots, e.Aggressor == AggressorSide.Buyer);
        Begin(e.TsEvent, e.Side, e.Price);
        _book.Apply(in e);
        End();
    }

    public void OnLevelUpdated(in BookLevelUpdated e)
    {
        Begin(e.TsEvent, e.Side, e.Price);
        _book.Apply(in e);
        End();
    }

    /// <summary>One L2 row (several levels at once) as one event.</summary>
    public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> updates)
    {
        Open(tsEvent);
        SourceEvents++;
        foreach (ref readonly var update in updates)
        {
            _touched.Add((update.Side, update.Price.Ticks));
            _book.Apply(in update);
        }
        End();
    }

    public void OnTrade(in TradeTick e)
    {
        _ts = e.TsEvent;
        WriteTrade(e.PriceQ16, e.Size.Lots, e.Aggressor == AggressorSide.Buyer);
        Open(e.TsEvent);
        SourceEvents++;
        End();
    }

    public void OnTradingStatus(in TradingStatusChanged e)
    {
        _ts = e.TsEvent;
        _writer.Append(_ts, TapeOp.Status, TapeMarks.None, 0, 0, (long)e.Status);
        Open(e.TsEvent);
        SourceEvents++;
        End();
    }

    /// <summary>Brings the tape to the book's current top N (after a source changed the book outside an event, e.g. a seed).</summary>
    public void Sync(long tsEvent)
    {
        _ts = tsEvent;
        _touched.Clear();
        _synced = true;
        End();
    }

    public void Complete() => _writer.Complete();

    private void Begin(long ts, Side side, Price price)
    {
        Open(ts);
        _touched.Add((side, price.Ticks));
        SourceEvents++;
    }

    /// <summary>
    /// Starts an event (after its Trade or Status record, if any). The first event first brings
    /// the tape to the book as a source seeded it before any event (a LOBSTER file's first
    /// orderbook row): those levels are Reveals, not added liquidity, so this event's own change
    /// then counts as the order-level replay counts it (docs/tape.md, Added and cancelled size).
    /// </summary>
    private void Open(long ts)
    {
        _ts = ts;
        _touched.Clear();
        if (_synced)
            return;
        _synced = true;
        Diff(Side.Buy);
        Diff(Side.Sell);
    }

    private void WriteTrade(long priceQ16, long lots, bool aggressorBuy) =>
        _writer.Append(_ts, TapeOp.Trade, aggressorBuy ? TapeMarks.AggressorBuy : TapeMarks.None,
            (ushort)(priceQ16 & 0xFFFF), priceQ16 >> 16, lots);

    private void End()
    {
        CompleteBook?.Invoke();
        Diff(Side.Buy);
        Diff(Side.Sell);
        _writer.EndEvent();
    }

    /// <summary>
    /// Walks the mirror and the book's top N together, best first: equal prices may change size,
    /// a book level better than the mirror's is inserted, a mirror level the book no longer has
    /// is deleted. Inserting into a full side drops its last level on both sides of the tape alike.
    /// </summary>
    private void Diff(Side side)
    {
        int targetCount = _book.CopyLevels(side, _target);
        int i = 0;
        int j = 0;
        while (j < targetCount || i < _mirror.Count(side))
        {
            if (j == targetCount)
            {
                Delete(side, i);
                continue;
            }
            var want = _target[j];
            if (i == _mirror.Count(side))
            {
                Insert(side, i++, want);
                j++;
                continue;
            }
            var have = _mirror.Level(side, i);
            if (have.Price == want.Price)
            {
                if (have.Size != want.Size)
                    Change(side, i, want.Size.Lots);
                i++;
                j++;
            }
            else if (side == Side.Buy ? want.Price.Ticks > have.Price.Ticks : want.Price.Ticks < have.Price.Ticks)
            {
                Insert(side, i++, want);
                j++;
            }
            else
            {
                Delete(side, i);
            }
        }
    }

    private void Insert(Side side, int index, BookLevel level)
    {
        var flags = SideFlag(side) | (WasTouched(side, level.Price.Ticks) ? TapeMarks.None : TapeMarks.Reveal);
        _writer.Append(_ts, TapeOp.Insert, flags, (ushort)index, level.Price.Ticks, level.Size.Lots);
        _mirror.Insert(side, index, level.Price.Ticks, level.Size.Lots);
    }

    /// <summary>A change to a level the event did not touch is a source's correction (a LOBSTER row), not order flow.</summary>
    private void Change(Side side, int index, long size)
    {
        long price = _mirror.Level(side, index).Price.Ticks;
        _writer.Append(_ts, TapeOp.Change, SideFlag(side) | RevealUnlessTouched(side, price), (ushort)index, price, size);
        _mirror.Change(side, index, size, out _);
    }

    private void Delete(Side side, int index)
    {
        long price = _mirror.Level(side, index).Price.Ticks;
        _writer.Append(_ts, TapeOp.Delete, SideFlag(side) | RevealUnlessTouched(side, price), (ushort)index, price, 0);
        _mirror.Delete(side, index, out _);
    }

    private TapeMarks RevealUnlessTouched(Side side, long price) => WasTouched(side, price) ? TapeMarks.None : TapeMarks.Reveal;

    private bool WasTouched(Side side, long price)
    {
        foreach (var (s, p) in _touched)
        {
            if (s == side && p == price)
                return true;
        }
        return false;
    }

    private static TapeMarks SideFlag(Side side) => side == Side.Sell ? TapeMarks.Ask : TapeMarks.None;
}
