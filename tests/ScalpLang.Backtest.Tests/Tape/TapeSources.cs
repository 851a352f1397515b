using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest.Tests.Tape;

/// <summary>Records a data source the way <see cref="TapeExport"/> does, with a <see cref="RecorderProbe"/> in between.</summary>
internal static class TapeSources
{
    public static readonly string Root = FindRoot();

    public static string Shared(params string[] parts) => Path.Combine([Path.GetDirectoryName(Root)!, "shared", "data", .. parts]);

    public const string Goog = "lobster/GOOG_2012-06-21_1/GOOG_2012-06-21_34200000_57600000_message_1.csv";
    public const string Aapl = "lobster/AAPL_2012-06-21_10_first999rows/AAPL_2012-06-21_34200000_57600000_message_10.csv";

    /// <summary>The shared file's path, or null when ../shared is absent (a failure under SCALP_REQUIRE_SHARED=1).</summary>
    public static string? SharedFile(string relative)
    {
        var path = Shared(relative.Split('/'));
        if (File.Exists(path))
            return path;
        Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing shared data {path}");
        return null;
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    /// <summary>Replays <paramref name="data"/> into a recorder of depth N; returns the tape's bytes.</summary>
    public static byte[] Record(DataSpec data, int depth, out RecorderProbe probe, InstrumentInfo? declared = null)
    {
        var instrument = BacktestRunner.DataInstrument(declared, data);
        using var stream = new MemoryStream();
        var writer = new TapeWriter(stream, instrument, depth);
        var recorder = new TapeRecorder(writer);
        probe = new RecorderProbe(recorder, writer);
        var error = data.Kind switch
        {
            DataKind.Lobster => BacktestRunner.ReplayLobster(data.Argument, instrument, recorder.Book, probe),
            DataKind.Tardis => TardisSource.Replay(data.Argument, instrument, probe),
            _ => SyntheticSource.Replay(data.Argument, probe),
        };
        Assert.Null(error);
        writer.Complete();
        return stream.ToArray();
    }

    public static TapeHeader Header(byte[] tape) =>
        TapeHeader.Read(tape.AsSpan(0, TapeHeader.Length), out var error) ?? throw new InvalidOperationException(error);

    /// <summary>Replays a tape and checks the tape's book after every event against the probe's source books.</summary>
    public static void AssertReplaysSource(byte[] tape, RecorderProbe probe)
    {
        var header = Header(tape);
        var handler = new BookHashes(new Runtime.Book.DepthBook(header.Depth));
        Assert.Null(TapeReplay.Run(tape.AsSpan(TapeHeader.Length), header, handler.Book, ref handler, "t.tape"));
        Assert.Equal(probe.BookOfEvent.Count, handler.Hashes.Count);
        for (int k = 0; k < handler.Hashes.Count; k++)
            Assert.True(probe.BookOfEvent[k] == handler.Hashes[k], $"tape event {k} (source event {probe.SourceOfEvent[k]}): the replayed book differs from the source's top {header.Depth}");
        Assert.Equal(probe.Visible, header.EventCount);
        Assert.Equal(tape.Length, TapeHeader.Length + header.RecordCount * TapeRecord.Length);
        AssertEventShapes(tape, header);
    }

    /// <summary>
    /// docs/tape.md, Events: a trade (or status) record first, then level operations, each level
    /// touched at most once (no redundant operation), marks only where they mean something, and
    /// the header's event count is the number of EndOfEvent records.
    /// </summary>
    private static void AssertEventShapes(byte[] tape, TapeHeader header)
    {
        var touched = new HashSet<(bool Ask, int Price)>();
        long events = 0;
        for (long n = 0; n < header.RecordCount; n++)
        {
            var r = TapeRecord.Read(tape.AsSpan((int)(TapeHeader.Length + n * TapeRecord.Length), TapeRecord.Length));
            bool book = r.Op is TapeOp.Insert or TapeOp.Change or TapeOp.Delete;
            string where = $"record {n + 1}: {r}";
            Assert.True(book || touched.Count == 0, $"{where}: a trade or status after level operations");
            Assert.True(book || (r.Flags & TapeMarks.Ask) == 0, where);
            Assert.True(book || (r.Flags & TapeMarks.Reveal) == 0, where);
            Assert.True(r.Op == TapeOp.Trade || (r.Flags & TapeMarks.AggressorBuy) == 0, where);
            Assert.True(r.Op != TapeOp.Delete || r.Size == 0, where);
            Assert.True(r.Op != TapeOp.Clock || r.TimeDelta == 0, where);
            // The first event may write a level twice: a book seeded before it goes on as Reveals,
            // then the event's own change (TapeRecorder.Open).
            if (book && !touched.Add(((r.Flags & TapeMarks.Ask) != 0, r.Price)))
                Assert.True(events == 0 && r.Op != TapeOp.Insert, $"{where}: the level was already written in this event");
            if ((r.Flags & TapeMarks.EndOfEvent) != 0)
            {
                events++;
                touched.Clear();
            }
        }
        Assert.Equal(header.EventCount, events);
    }

    private sealed class BookHashes(Runtime.Book.DepthBook book) : ITapeHandler
    {
        private readonly Runtime.Book.BookLevel[] _levels = new Runtime.Book.BookLevel[book.Depth];
        public Runtime.Book.DepthBook Book { get; } = book;
        public List<long> Hashes { get; } = [];

        public void OnBook(long ts, Side side, int level, long sizeChange, bool reveal)
        {
        }

        public void OnTrade(long ts, long priceQ16, long size, bool aggressorBuy)
        {
        }

        public void OnStatus(long ts, TradingStatus status)
        {
        }

        public void OnEventEnd(long ts) => Hashes.Add(RecorderProbe.TopHash(Book, _levels));
    }
}
