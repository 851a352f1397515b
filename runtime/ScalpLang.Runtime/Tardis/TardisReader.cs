using System.Text;
using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tardis;

/// <summary>
/// Streams a Tardis downloadable-CSV file (docs.tardis.dev/downloadable-csv-files) one row at a
/// time over a fixed buffer: constant memory, no allocation per row. Timestamps (µs since the
/// Unix epoch) become ns: <c>timestamp</c> is TsEvent, <c>local_timestamp</c> TsRecv. Prices and
/// amounts convert exactly to the instrument's ticks and lots; a value off the grid is a bad row.
/// Snapshot and quote rows become the <see cref="BookLevelUpdated"/>s that make the book equal
/// to the row (zero sizes for levels that disappeared); an incremental row with
/// <c>is_snapshot=true</c> after a non-snapshot row first clears every level it had set.
/// <code>
/// using var reader = new TardisReader(path, TardisFileKind.Trades, instrument);
/// while (reader.Read()) reader.Message.Dispatch(ref handler);
/// if (reader.Error is { } error) Console.Error.WriteLine(error);
/// </code>
/// </summary>
public sealed class TardisReader : IDisposable
{
    private const string Prefix = "exchange,symbol,timestamp,local_timestamp";

    private readonly TardisReadOptions _options;
    private readonly DecimalGrid _prices;
    private readonly DecimalGrid _amounts;
    private readonly byte[] _symbol;
    private LineReader? _lines;
    private TardisMessage _message;
    private BookLevelUpdated[] _updates = [];
    private LevelSet _askBefore, _bidBefore, _asks, _bids;
    private readonly Dictionary<long, long> _bookAsks = [];
    private readonly Dictionary<long, long> _bookBids = [];
    private bool _lastWasSnapshot;
    private int _columns;
    private bool _started;
    private bool _done;

    public TardisReader(string path, TardisFileKind kind, Instrument instrument, TardisReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(instrument);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a Tardis file kind");
        Path = path;
        Kind = kind;
        Instrument = instrument;
        _options = options ?? TardisReadOptions.Default;
        _prices = new DecimalGrid(instrument.TickSize);
        _amounts = new DecimalGrid(instrument.LotSize);
        _symbol = Encoding.UTF8.GetBytes(instrument.Symbol);
    }

    public string Path { get; }

    public TardisFileKind Kind { get; }

    public Instrument Instrument { get; }

    /// <summary>Levels per side of a snapshot file (N of book_snapshot_N; 1 for quotes); known after the header.</summary>
    public int Depth { get; private set; }

    /// <summary>The current row; valid after <see cref="Read"/> returned true.</summary>
    public ref readonly TardisMessage Message => ref _message;

    public long RowsRead { get; private set; }

    public int SkippedRows { get; private set; }

    public TardisDiagnostic? Error { get; private set; }

    /// <summary>The header a file of <paramref name="kind"/> must start with (<paramref name="depth"/> levels for snapshots).</summary>
    public static string ExpectedHeader(TardisFileKind kind, int depth = 1)
    {
        switch (kind)
        {
            case TardisFileKind.Trades:
                return Prefix + ",id,side,price,amount";
            case TardisFileKind.Quotes:
                return Prefix + ",ask_amount,ask_price,bid_price,bid_amount";
            case TardisFileKind.IncrementalBookL2:
                return Prefix + ",is_snapshot,side,price,amount";
            default:
                var text = new StringBuilder(Prefix);
                for (int i = 0; i < depth; i++)
                    text.Append($",asks[{i}].price,asks[{i}].amount,bids[{i}].price,bids[{i}].amount");
                return text.ToString();
        }
    }

    public bool Read()
    {
        if (_done)
            return false;
        if (!_started && !Start())
            return false;
        while (true)
        {
            var status = _lines!.Next(out var line);
            long lineNumber = _lines.LineNumber;
            if (status == LineStatus.End)
            {
                _done = true;
                return false;
            }
            if (status == LineStatus.TooLong)
                return Stop(lineNumber, $"line longer than {_lines.BufferSize} bytes");
            string? reason = ParseRow(line, lineNumber);
            if (reason is null)
            {
                RowsRead++;
                return true;
            }
            var problem = new TardisDiagnostic(Path, lineNumber, reason);
            if (_options.BadRows == BadRowPolicy.Stop)
            {
                Error = problem;
                _done = true;
                return false;
            }
            SkippedRows++;
            _options.OnSkippedRow?.Invoke(problem);
        }
    }

    public void Dispose()
    {
        _done = true;
        _lines?.Dispose();
    }

    private bool Start()
    {
        _started = true;
        if (_options.BufferSize < 256)
            return Stop(0, "the read buffer must be at least 256 bytes");
        try
        {
            var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            _lines = new LineReader(stream, _options.BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Stop(0, $"cannot open: {e.Message}");
        }

        var status = _lines.Next(out var header);
        if (status == LineStatus.TooLong)
            return Stop(1, $"header longer than {_lines.BufferSize} bytes");
        int columns = status == LineStatus.End ? 0 : header.Count((byte)',') + 1;
        int depth = 1;
        if (Kind == TardisFileKind.BookSnapshot && columns > 4 && (columns - 4) % 4 == 0)
            depth = (columns - 4) / 4;
        string expected = ExpectedHeader(Kind, depth);
        if (status == LineStatus.End)
            return Stop(1, $"empty file: expected the {KindName} header '{expected}'");
        if (!header.SequenceEqual(Encoding.ASCII.GetBytes(expected)))
            return Stop(1, $"expected the {KindName} header '{expected}', found '{Encoding.UTF8.GetString(header)}'");
        _columns = columns;
        Depth = Kind switch
        {
            TardisFileKind.BookSnapshot => depth,
            TardisFileKind.Quotes => 1,
            _ => 0,
        };
        if (Depth > 0)
        {
            _asks = new LevelSet(Depth);
            _bids = new LevelSet(Depth);
            _askBefore = new LevelSet(Depth);
            _bidBefore = new LevelSet(Depth);
            _updates = new BookLevelUpdated[4 * Depth];
        }
        else if (Kind == TardisFileKind.IncrementalBookL2)
        {
            _updates = new BookLevelUpdated[64];
            _lastWasSnapshot = false;
        }
        return true;
    }

    private string KindName => Kind switch
    {
        TardisFileKind.Trades => "trades",
        TardisFileKind.Quotes => "quotes",
        TardisFileKind.BookSnapshot => "book_snapshot",
        _ => "incremental_book_L2",
    };

    private bool Stop(long line, string reason)
    {
        Error = new TardisDiagnostic(Path, line, reason);
        _done = true;
        return false;
    }

    private string? ParseRow(ReadOnlySpan<byte> line, long lineNumber)
    {
        int columns = line.Count((byte)',') + 1;
        if (columns != _columns)
            return $"expected {_columns} columns, found {columns}";
        var rest = line;
        AsciiFields.Next(ref rest); // exchange: free text
        var symbol = AsciiFields.Next(ref rest);
        if (_options.CheckSymbol && !symbol.SequenceEqual(_symbol))
            return $"column 2 (symbol): '{AsciiFields.Show(symbol)}' is not {Instrument.Symbol}";
        if (ParseMicros(3, "timestamp", AsciiFields.Next(ref rest), out long tsEvent) is { } r1)
            return r1;
        if (ParseMicros(4, "local_timestamp", AsciiFields.Next(ref rest), out long tsRecv) is { } r2)
            return r2;
        return Kind switch
        {
            TardisFileKind.Trades => ParseTrade(rest, lineNumber, tsEvent, tsRecv),
            TardisFileKind.IncrementalBookL2 => ParseIncremental(rest, lineNumber, tsEvent, tsRecv),
            _ => ParseSnapshot(rest, lineNumber, tsEvent, tsRecv),
        };
    }

    private static string? ParseMicros(int column, string name, ReadOnlySpan<byte> field, out long nanos)
    {
        nanos = 0;
        if (!AsciiFields.TryParseInt64(field, out long micros) || micros < 0 || micros > long.MaxValue / 1000)
            return $"column {column} ({name}): '{AsciiFields.Show(field)}' is not microseconds since the Unix epoch";
        nanos = micros * 1000;
        return null;
    }

    private string? ParseTrade(ReadOnlySpan<byte> rest, long lineNumber, long tsEvent, long tsRecv)
    {
        AsciiFields.Next(ref rest); // id: exchange-specific text
        var sideField = AsciiFields.Next(ref rest);
        AggressorSide aggressor;
        if (sideField.SequenceEqual("buy"u8))
            aggressor = AggressorSide.Buyer;
        else if (sideField.SequenceEqual("sell"u8))
            aggressor = AggressorSide.Seller;
        else if (sideField.SequenceEqual("unknown"u8))
            aggressor = AggressorSide.None;
        else
            return $"column 6 (side): '{AsciiFields.Show(sideField)}' is not buy, sell or unknown";
        if (ParsePrice(7, "price", AsciiFields.Next(ref rest), out long ticks) is { } r1)
            return r1;
        if (ParseAmount(8, "amount", rest, allowZero: false, out long lots) is { } r2)
            return r2;
        _message = new TardisMessage(lineNumber, Kind, tsEvent, tsRecv,
            new TradeTick(tsEvent, tsRecv, new Price(ticks), new Quantity(lots), aggressor, TradeKind.Regular), default);
        return null;
    }

    private string? ParseIncremental(ReadOnlySpan<byte> rest, long lineNumber, long tsEvent, long tsRecv)
    {
        var snapshotField = AsciiFields.Next(ref rest);
        bool isSnapshot;
        if (snapshotField.SequenceEqual("true"u8))
            isSnapshot = true;
        else if (snapshotField.SequenceEqual("false"u8))
            isSnapshot = false;
        else
            return $"column 5 (is_snapshot): '{AsciiFields.Show(snapshotField)}' is neither true nor false";
        var sideField = AsciiFields.Next(ref rest);
        Side side;
        if (sideField.SequenceEqual("bid"u8))
            side = Side.Buy;
        else if (sideField.SequenceEqual("ask"u8))
            side = Side.Sell;
        else
            return $"column 6 (side): '{AsciiFields.Show(sideField)}' is neither bid nor ask";
        if (ParsePrice(7, "price", AsciiFields.Next(ref rest), out long ticks) is { } r1)
            return r1;
        if (ParseAmount(8, "amount", rest, allowZero: true, out long lots) is { } r2)
            return r2;
        var book = side == Side.Buy ? _bookBids : _bookAsks;
        if (lots > 0 && !book.ContainsKey(ticks) && book.Count >= _options.MaxLevelsPerSide)
            return $"more than {_options.MaxLevelsPerSide} {(side == Side.Buy ? "bid" : "ask")} levels (TardisReadOptions.MaxLevelsPerSide)";

        int count = 0;
        if (isSnapshot && !_lastWasSnapshot)
        {
            // A new snapshot replaces the whole book: remove every level set so far.
            EnsureUpdates(_bookAsks.Count + _bookBids.Count + 1);
            foreach (long price in _bookAsks.Keys)
                _updates[count++] = new BookLevelUpdated(tsEvent, tsRecv, Side.Sell, new Price(price), Quantity.Zero);
            foreach (long price in _bookBids.Keys)
                _updates[count++] = new BookLevelUpdated(tsEvent, tsRecv, Side.Buy, new Price(price), Quantity.Zero);
            _bookAsks.Clear();
            _bookBids.Clear();
        }
        _lastWasSnapshot = isSnapshot;
        if (lots == 0)
            book.Remove(ticks);
        else
            book[ticks] = lots;
        _updates[count++] = new BookLevelUpdated(tsEvent, tsRecv, side, new Price(ticks), new Quantity(lots));
        _message = new TardisMessage(lineNumber, Kind, tsEvent, tsRecv, default, _updates.AsMemory(0, count));
        return null;
    }

    private void EnsureUpdates(int needed)
    {
        if (_updates.Length < needed)
            _updates = new BookLevelUpdated[Math.Max(needed, 2 * _updates.Length)];
    }

    private string? ParseSnapshot(ReadOnlySpan<byte> rest, long lineNumber, long tsEvent, long tsRecv)
    {
        _asks.Count = _bids.Count = 0;
        bool asksEnded = false, bidsEnded = false;
        for (int level = 0; level < Depth; level++)
        {
            for (int half = 0; half < 2; half++)
            {
                bool isAsk = half == 0;
                int priceColumn, amountColumn;
                scoped ReadOnlySpan<byte> priceField, amountField;
                string priceName, amountName;
                if (Kind == TardisFileKind.Quotes)
                {
                    // ask_amount,ask_price,bid_price,bid_amount
                    if (isAsk)
                    {
                        amountField = AsciiFields.Next(ref rest);
                        priceField = AsciiFields.Next(ref rest);
                        (priceColumn, amountColumn, priceName, amountName) = (6, 5, "ask_price", "ask_amount");
                    }
                    else
                    {
                        priceField = AsciiFields.Next(ref rest);
                        amountField = AsciiFields.Next(ref rest);
                        (priceColumn, amountColumn, priceName, amountName) = (7, 8, "bid_price", "bid_amount");
                    }
                }
                else
                {
                    priceField = AsciiFields.Next(ref rest);
                    amountField = AsciiFields.Next(ref rest);
                    priceColumn = 5 + 4 * level + 2 * half;
                    amountColumn = priceColumn + 1;
                    priceName = amountName = ""; // built only on error
                }
                if (priceField.IsEmpty && amountField.IsEmpty)
                {
                    if (isAsk) asksEnded = true; else bidsEnded = true;
                    continue;
                }
                if (Kind == TardisFileKind.BookSnapshot)
                {
                    priceName = LevelName(isAsk, level, "price");
                    amountName = LevelName(isAsk, level, "amount");
                }
                if (isAsk ? asksEnded : bidsEnded)
                    return $"column {priceColumn} ({(Kind == TardisFileKind.BookSnapshot ? LevelName(isAsk, level, "price") : priceName)}): a level after an empty one";
                if (ParsePrice(priceColumn, priceName, priceField, out long ticks) is { } r1)
                    return r1;
                if (ParseAmount(amountColumn, amountName, amountField, allowZero: false, out long lots) is { } r2)
                    return r2;
                ref var set = ref isAsk ? ref _asks : ref _bids;
                if (set.IndexOf(ticks) >= 0)
                    return $"column {priceColumn} ({priceName}): price {priceField.ToString()} repeats an earlier level";
                set.Prices[set.Count] = ticks;
                set.Sizes[set.Count++] = lots;
            }
        }
        int count = 0;
        LevelSet.Diff(_askBefore, _asks, Side.Sell, tsEvent, tsRecv, _updates, ref count);
        LevelSet.Diff(_bidBefore, _bids, Side.Buy, tsEvent, tsRecv, _updates, ref count);
        (_askBefore, _asks) = (_asks, _askBefore);
        (_bidBefore, _bids) = (_bids, _bidBefore);
        _message = new TardisMessage(lineNumber, Kind, tsEvent, tsRecv, default, _updates.AsMemory(0, count));
        return null;
    }

    private static string LevelName(bool isAsk, int level, string what) => $"{(isAsk ? "asks" : "bids")}[{level}].{what}";

    private string? ParsePrice(int column, string name, ReadOnlySpan<byte> field, out long ticks)
    {
        ticks = 0;
        switch (DecimalGrid.TryParse(field, out long mantissa, out int scale))
        {
            case DecimalParse.Malformed:
                return $"column {column} ({name}): '{AsciiFields.Show(field)}' is not a decimal number";
            case DecimalParse.TooPrecise:
                return $"column {column} ({name}): '{AsciiFields.Show(field)}' has too many digits";
        }
        if (mantissa <= 0)
            return $"column {column} ({name}): '{AsciiFields.Show(field)}' is not a positive price";
        if (!_prices.TryToSteps(mantissa, scale, out ticks))
            return $"column {column} ({name}): {AsciiFields.Show(field)} is not on the tick grid of {Instrument.Symbol} (tick size {Instrument.TickSize})";
        return null;
    }

    private string? ParseAmount(int column, string name, ReadOnlySpan<byte> field, bool allowZero, out long lots)
    {
        lots = 0;
        switch (DecimalGrid.TryParse(field, out long mantissa, out int scale))
        {
            case DecimalParse.Malformed:
                return $"column {column} ({name}): '{AsciiFields.Show(field)}' is not a decimal number";
            case DecimalParse.TooPrecise:
                return $"column {column} ({name}): '{AsciiFields.Show(field)}' has too many digits";
        }
        if (mantissa < 0 || (mantissa == 0 && !allowZero))
            return $"column {column} ({name}): '{AsciiFields.Show(field)}' is not a positive amount";
        if (!_amounts.TryToSteps(mantissa, scale, out lots))
            return $"column {column} ({name}): {AsciiFields.Show(field)} is not a whole number of lots of {Instrument.Symbol} (lot size {Instrument.LotSize})";
        return null;
    }
}
