using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// Streams a LOBSTER message file, and optionally its orderbook file in lockstep, one row at a
/// time: constant memory whatever the file size, no allocation per row. Problems are reported,
/// not thrown: <see cref="Read"/> returns false and <see cref="Error"/> says
/// <c>file:line: reason</c>; under <see cref="BadRowPolicy.Skip"/> bad rows are counted in
/// <see cref="SkippedRows"/> and reading goes on.
/// <code>
/// using var reader = new LobsterReader(path, Instrument.UsEquity("GOOG"));
/// while (reader.Read()) reader.Message.Dispatch(ref handler);
/// if (reader.Error is { } error) Console.Error.WriteLine(error);
/// </code>
/// </summary>
public sealed class LobsterReader : IDisposable
{
    /// <summary>LOBSTER prices are dollars x 10000.</summary>
    public const long PriceUnitsPerDollar = 10_000;

    /// <summary>Dummy prices of an unoccupied level in the orderbook file.</summary>
    public const long EmptyAskPrice = 9_999_999_999, EmptyBidPrice = -9_999_999_999;

    private const int MessageColumns = 6;

    private readonly LobsterReadOptions _options;
    private readonly GridScale _priceGrid;
    private readonly GridScale _sizeGrid;
    private LineReader? _messages;
    private LineReader? _orderBook;
    private LobsterMessage _message;
    private BookLevel[] _asks = [];
    private BookLevel[] _bids = [];
    private int _askCount;
    private int _bidCount;
    private long _lastNanos;
    private bool _started;
    private bool _done;

    public LobsterReader(string messagePath, Instrument instrument, LobsterReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messagePath);
        ArgumentNullException.ThrowIfNull(instrument);
        MessagePath = messagePath;
        Instrument = instrument;
        _options = options ?? LobsterReadOptions.Default;
        _priceGrid = GridScale.Create(instrument.TickSize, PriceUnitsPerDollar);
        _sizeGrid = GridScale.Create(instrument.LotSize, 1); // LOBSTER sizes are shares
        FileName = LobsterFileName.TryParse(messagePath, out var name) ? name : null;
        Depth = FileName?.Level ?? 0;
        if (_options.ReadOrderBook)
            OrderBookPath = LobsterFileName.OrderBookPathFor(messagePath);
    }

    public string MessagePath { get; }

    /// <summary>The orderbook file read beside the messages, or null when not asked for.</summary>
    public string? OrderBookPath { get; }

    public Instrument Instrument { get; }

    /// <summary>The parsed file name, or null when it does not follow <see cref="LobsterFileName.Pattern"/>.</summary>
    public LobsterFileName? FileName { get; }

    /// <summary>Levels per side in the orderbook file (the LEVEL of the file name).</summary>
    public int Depth { get; }

    /// <summary>Unix ns of the trading date's midnight in the exchange's time zone; known after the first <see cref="Read"/>.</summary>
    public long MidnightUnixNanos { get; private set; }

    /// <summary>The current row; valid after <see cref="Read"/> returned true.</summary>
    public ref readonly LobsterMessage Message => ref _message;

    /// <summary>The orderbook row after the current message: occupied ask levels, best first.</summary>
    public ReadOnlySpan<BookLevel> Asks => _asks.AsSpan(0, _askCount);

    /// <summary>The orderbook row after the current message: occupied bid levels, best first.</summary>
    public ReadOnlySpan<BookLevel> Bids => _bids.AsSpan(0, _bidCount);

    /// <summary>Rows returned so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Rows skipped under <see cref="BadRowPolicy.Skip"/>.</summary>
    public int SkippedRows { get; private set; }

    /// <summary>Why reading stopped early, or null if it reached the end (or has not stopped).</summary>
    public LobsterDiagnostic? Error { get; private set; }

    /// <summary>Advances to the next good row; false at the end or on an error (see <see cref="Error"/>).</summary>
    public bool Read()
    {
        if (_done)
            return false;
        if (!_started && !Start())
            return Stop(Error!);
        while (true)
        {
            var status = _messages!.Next(out var line);
            long lineNumber = _messages.LineNumber;
            if (status == LineStatus.End)
                return AtEnd(lineNumber);
            if (status == LineStatus.TooLong)
                return Stop(new LobsterDiagnostic(MessagePath, lineNumber, TooLong(_messages)));

            string? reason = ParseMessage(line, lineNumber);
            LobsterDiagnostic? problem = reason is null ? null : new LobsterDiagnostic(MessagePath, lineNumber, reason);
            if (_orderBook is not null)
            {
                var bookStatus = _orderBook.Next(out var bookLine);
                if (bookStatus == LineStatus.End)
                    return Stop(new LobsterDiagnostic(OrderBookPath!, lineNumber, "missing row: the message file has more rows"));
                if (bookStatus == LineStatus.TooLong)
                    return Stop(new LobsterDiagnostic(OrderBookPath!, lineNumber, TooLong(_orderBook)));
                if (problem is null && ParseOrderBook(bookLine) is { } bookReason)
                    problem = new LobsterDiagnostic(OrderBookPath!, lineNumber, bookReason);
            }
            if (problem is null)
            {
                _lastNanos = _message.NanosAfterMidnight;
                RowsRead++;
                return true;
            }
            if (_options.BadRows == BadRowPolicy.Stop)
                return Stop(problem);
            SkippedRows++;
            _options.OnSkippedRow?.Invoke(problem);
        }
    }

    public void Dispose()
    {
        _done = true;
        _messages?.Dispose();
        _orderBook?.Dispose();
    }

    private bool Start()
    {
        _started = true;
        DateOnly? date = _options.TradingDate ?? FileName?.Date;
        if (date is null)
            return Fail(MessagePath, $"the trading date is not in the file name (expected {LobsterFileName.Pattern})");
        if (_options.ReadOrderBook && Depth == 0)
            return Fail(MessagePath, $"the book depth is not in the file name (expected {LobsterFileName.Pattern})");
        TimeZoneInfo zone;
        try
        {
            zone = _options.TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById(LobsterReadOptions.DefaultTimeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return Fail(MessagePath, $"time zone {LobsterReadOptions.DefaultTimeZoneId} is not installed (install tzdata or set LobsterReadOptions.TimeZone)");
        }
        // LOBSTER counts from local midnight; US DST switches on Sunday nights, so one offset
        // holds for a whole trading day.
        MidnightUnixNanos = UnixNanos.LocalMidnight(date.Value, zone);
        if (_options.BufferSize < 256)
            return Fail(MessagePath, "the read buffer must be at least 256 bytes");

        if (OpenLines(MessagePath) is not { } messages)
            return false;
        _messages = messages;
        if (OrderBookPath is not null)
        {
            if (OpenLines(OrderBookPath) is not { } book)
                return false;
            _orderBook = book;
            _asks = new BookLevel[Depth];
            _bids = new BookLevel[Depth];
        }
        return true;
    }

    private LineReader? OpenLines(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return new LineReader(stream, _options.BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(path, $"cannot open: {e.Message}");
            return null;
        }
    }

    private bool Fail(string path, string reason)
    {
        Error = new LobsterDiagnostic(path, 0, reason);
        return false;
    }

    private bool Stop(LobsterDiagnostic problem)
    {
        Error = problem;
        _done = true;
        return false;
    }

    private bool AtEnd(long lineNumber)
    {
        if (_orderBook is not null && _orderBook.Next(out _) != LineStatus.End)
            return Stop(new LobsterDiagnostic(OrderBookPath!, lineNumber + 1, $"extra row: the message file ends at line {lineNumber}"));
        _done = true;
        return false;
    }

    private static string TooLong(LineReader lines) => $"line longer than {lines.BufferSize} bytes";

    /// <summary>Decodes a message row into <see cref="_message"/>; returns why it is bad, or null.</summary>
    private string? ParseMessage(ReadOnlySpan<byte> line, long lineNumber)
    {
        int columns = line.Count((byte)',') + 1;
        if (columns != MessageColumns)
            return $"expected {MessageColumns} columns, found {columns}";
        var rest = line;
        var timeField = AsciiFields.Next(ref rest);
        var typeField = AsciiFields.Next(ref rest);
        var idField = AsciiFields.Next(ref rest);
        var sizeField = AsciiFields.Next(ref rest);
        var priceField = AsciiFields.Next(ref rest);
        var directionField = rest;

        switch (AsciiFields.TryParseSecondsAsNanos(timeField, out long nanos))
        {
            case TimeParse.Malformed:
                return $"column 1 (time): '{AsciiFields.Show(timeField)}' is not a time in seconds after midnight";
            case TimeParse.TooPrecise:
                return $"column 1 (time): '{AsciiFields.Show(timeField)}' has more than 9 decimals";
        }
        if (nanos >= UnixNanos.PerDay)
            return $"column 1 (time): {AsciiFields.FormatSeconds(nanos)} is not within a day (under 86400 s)";
        if (nanos < _lastNanos)
            return $"time {AsciiFields.FormatSeconds(nanos)} is earlier than the previous row's {AsciiFields.FormatSeconds(_lastNanos)}";

        if (!AsciiFields.TryParseInt64(typeField, out long typeCode))
            return NotAnInteger(2, "type", typeField);
        if (typeCode is < 1 or > 7)
            return $"column 2 (type): {typeCode} is not a LOBSTER event type (1-7)";
        var type = (LobsterEventType)typeCode;
        if (!AsciiFields.TryParseInt64(idField, out long orderId))
            return NotAnInteger(3, "order id", idField);
        if (!AsciiFields.TryParseInt64(sizeField, out long shares))
            return NotAnInteger(4, "size", sizeField);
        if (!AsciiFields.TryParseInt64(priceField, out long priceUnits))
            return NotAnInteger(5, "price", priceField);
        if (!AsciiFields.TryParseInt64(directionField, out long direction))
            return NotAnInteger(6, "direction", directionField);
        if (direction is not (-1 or 1))
            return $"column 6 (direction): {direction} is neither -1 (sell) nor 1 (buy)";

        var status = TradingStatus.Trading;
        long ticks = 0, lots = 0;
        int subTicks = 0;
        if (type == LobsterEventType.TradingHalt)
        {
            // The price column carries the halt code; there is no real price or size.
            switch (priceUnits)
            {
                case -1: status = TradingStatus.Halted; break;
                case 0: status = TradingStatus.Quoting; break;
                case 1: status = TradingStatus.Trading; break;
                default:
                    return $"column 5 (price): halt code {priceUnits} is not -1 (halt), 0 (quoting) or 1 (trading)";
            }
        }
        else
        {
            if (shares <= 0)
                return $"column 4 (size): {shares} is not a positive size";
            if (!_sizeGrid.TryToSteps(shares, out lots))
                return $"column 4 (size): {shares} shares is not a whole number of lots (lot size {Instrument.LotSize})";
            if (priceUnits <= 0)
                return $"column 5 (price): {priceUnits} is not a positive price";
            if (type is LobsterEventType.HiddenExecution or LobsterEventType.CrossTrade)
            {
                // Trades against hidden liquidity can print between ticks (GOOG's sample has
                // 50 midpoint executions at half a cent): real data, kept to 1/65536 tick.
                long q16 = _priceGrid.ToQ16Steps(priceUnits);
                ticks = q16 >> 16;
                subTicks = (int)(q16 & 0xFFFF);
            }
            else if (!_priceGrid.TryToSteps(priceUnits, out ticks))
            {
                return OffGrid(5, "price", priceUnits); // a visible order must sit on the grid
            }
        }

        _message = new LobsterMessage(
            lineNumber, type, nanos, MidnightUnixNanos + nanos, orderId,
            new Quantity(lots), new Price(ticks), direction == 1 ? Side.Buy : Side.Sell, status, subTicks);
        return null;
    }

    /// <summary>Decodes an orderbook row into <see cref="_asks"/>/<see cref="_bids"/>; returns why it is bad, or null.</summary>
    private string? ParseOrderBook(ReadOnlySpan<byte> line)
    {
        int expected = 4 * Depth;
        int columns = line.Count((byte)',') + 1;
        if (columns != expected)
            return $"expected {expected} columns, found {columns}";
        _askCount = _bidCount = 0;
        bool asksEnded = false, bidsEnded = false;
        var rest = line;
        for (int level = 0; level < Depth; level++)
        {
            for (int half = 0; half < 2; half++)
            {
                int column = 4 * level + 2 * half + 1;
                var priceField = AsciiFields.Next(ref rest);
                var sizeField = AsciiFields.Next(ref rest);
                if (!AsciiFields.TryParseInt64(priceField, out long priceUnits))
                    return NotAnInteger(column, ColumnName(column), priceField);
                if (!AsciiFields.TryParseInt64(sizeField, out long shares))
                    return NotAnInteger(column + 1, ColumnName(column + 1), sizeField);
                bool isAsk = half == 0;
                if (priceUnits == (isAsk ? EmptyAskPrice : EmptyBidPrice))
                {
                    if (shares != 0)
                        return $"column {column + 1} ({ColumnName(column + 1)}): an empty level has size {shares}, not 0";
                    if (isAsk) asksEnded = true; else bidsEnded = true;
                    continue;
                }
                if (isAsk ? asksEnded : bidsEnded)
                    return $"column {column} ({ColumnName(column)}): an occupied level after an empty one";
                if (shares <= 0)
                    return $"column {column + 1} ({ColumnName(column + 1)}): {shares} is not a positive size";
                if (!_sizeGrid.TryToSteps(shares, out long lots))
                    return $"column {column + 1} ({ColumnName(column + 1)}): {shares} shares is not a whole number of lots (lot size {Instrument.LotSize})";
                if (!_priceGrid.TryToSteps(priceUnits, out long ticks))
                    return OffGrid(column, ColumnName(column), priceUnits);
                var levelValue = new BookLevel(new Price(ticks), new Quantity(lots));
                if (isAsk)
                    _asks[_askCount++] = levelValue;
                else
                    _bids[_bidCount++] = levelValue;
            }
        }
        return null;
    }

    private static string ColumnName(int column)
    {
        int k = (column - 1) / 4 + 1;
        return ((column - 1) % 4) switch
        {
            0 => $"ask price {k}",
            1 => $"ask size {k}",
            2 => $"bid price {k}",
            _ => $"bid size {k}",
        };
    }

    private static string NotAnInteger(int column, string name, ReadOnlySpan<byte> field) =>
        $"column {column} ({name}): '{AsciiFields.Show(field)}' is not an integer";

    private string OffGrid(int column, string name, long priceUnits) =>
        $"column {column} ({name}): {priceUnits} is not on the tick grid of {Instrument.Symbol} " +
        $"(tick size {Instrument.TickSize} = {_priceGrid.UnitsPerStep} price units)";
}
