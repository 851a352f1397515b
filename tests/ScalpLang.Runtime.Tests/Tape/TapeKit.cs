using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>Writes tapes to memory and replays them, for the tape tests.</summary>
internal static class TapeKit
{
    public static readonly Instrument Syn = new("SYN", 0.01m, 1m, "USD");

    public static byte[] Write(int depth, Action<TapeWriter> body, Instrument? instrument = null)
    {
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, instrument ?? Syn, depth);
        body(writer);
        writer.Complete();
        return stream.ToArray();
    }

    public static TapeHeader Header(byte[] tape) =>
        TapeHeader.Read(tape.AsSpan(0, TapeHeader.Length), out var error) ?? throw new InvalidOperationException(error);

    public static TapeRecord Record(byte[] tape, int index) =>
        TapeRecord.Read(tape.AsSpan(TapeHeader.Length + index * TapeRecord.Length, TapeRecord.Length));

    /// <summary>Replays into a fresh DepthBook; returns the error (or null) and what the handler saw.</summary>
    public static string? Replay(byte[] tape, out Recording recording, string source = "t.tape")
    {
        var header = Header(tape);
        recording = new Recording(new DepthBook(header.Depth));
        var handler = recording;
        return TapeReplay.Run(tape.AsSpan(TapeHeader.Length), header, recording.Book, ref handler, source);
    }

    public static byte[] WithHeader(TapeHeader header, ReadOnlySpan<byte> records)
    {
        var bytes = new byte[TapeHeader.Length + records.Length];
        header.Write(bytes);
        records.CopyTo(bytes.AsSpan(TapeHeader.Length));
        return bytes;
    }

    /// <summary>Records as written, with a header counting them (events = records flagged EndOfEvent).</summary>
    public static byte[] Raw(int depth, params TapeRecord[] records)
    {
        var body = new byte[records.Length * TapeRecord.Length];
        for (int i = 0; i < records.Length; i++)
            records[i].Write(body.AsSpan(i * TapeRecord.Length));
        long events = records.Count(r => (r.Flags & TapeMarks.EndOfEvent) != 0);
        return WithHeader(new TapeHeader(Syn, depth, 1_000, records.Length, events), body);
    }

    /// <summary>Top N of a book as (bids, asks) price/size arrays, for comparing books.</summary>
    public static string Snapshot(IBookView book, int depth)
    {
        var levels = new BookLevel[depth];
        var text = new System.Text.StringBuilder();
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            int n = book.CopyLevels(side, levels);
            text.Append(side == Side.Buy ? "B" : "|A");
            for (int i = 0; i < n; i++)
                text.Append(' ').Append(levels[i].Price.Ticks).Append('x').Append(levels[i].Size.Lots);
        }
        return text.ToString();
    }
}

/// <summary>A tape handler that notes every callback and the book after every event.</summary>
internal sealed class Recording(DepthBook book) : ITapeHandler
{
    public DepthBook Book { get; } = book;
    public List<string> Calls { get; } = [];
    public List<long> EventTimes { get; } = [];
    public List<string> Books { get; } = [];
    public bool KeepBooks { get; set; } = true;

    public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal) =>
        Calls.Add($"book {ts} {side} {level} {sizeChange} {reveal}");

    public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy) =>
        Calls.Add($"trade {ts} {priceQ16} {size} {aggressorBuy}");

    public void OnStatus(long ts, MarketData.TradingStatus status) => Calls.Add($"status {ts} {status}");

    public void OnEventEnd(long ts)
    {
        EventTimes.Add(ts);
        if (KeepBooks)
            Books.Add(TapeKit.Snapshot(Book, Book.Depth));
    }
}
