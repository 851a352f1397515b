using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace ScalpLang.Fix.Codec;

/// <summary>
/// Builds FIX messages. Header fields may be added in any order and are written in the standard
/// order: 8, 9, 35, then the other header fields by ascending tag (QuickFIX's order, which
/// counterparties and acceptance suites compare field by field). Body fields are written in the
/// order added, so repeating groups must be added entry by entry in dictionary order. BodyLength
/// and CheckSum are computed when the message is written to a caller's span or
/// <see cref="IBufferWriter{T}"/>. Reusable: once its buffers have grown, building and writing a
/// message allocates nothing. Not thread-safe.
/// </summary>
public sealed class FixMessageWriter
{
    private readonly TimeProvider? _clock;
    private readonly Segment _prefix = new(32);   // BeginString value
    private readonly Segment _msgType = new(16);  // "35=X" SOH
    private readonly Segment _header = new(256);  // header fields, each "tag=value" SOH, unsorted
    private readonly Segment _body = new(1024);
    private readonly Segment _trailer = new(64);  // SignatureLength and Signature
    private HeaderField[] _headerFields = new HeaderField[16];
    private int _headerCount;
    private bool _begun;

    /// <param name="clock">Where <see cref="SendingTime"/> reads the time; inject a fixed one in tests.</param>
    public FixMessageWriter(TimeProvider? clock = null) => _clock = clock;

    private struct HeaderField
    {
        public int Tag;
        public int Start;
        public int Length;
    }

    /// <summary>Starts a new message, discarding any previous one.</summary>
    public FixMessageWriter Begin(ReadOnlySpan<byte> beginString, ReadOnlySpan<byte> msgType)
    {
        _prefix.Clear();
        _prefix.Append(beginString);
        _msgType.Clear();
        _msgType.AppendTag(FixTag.MsgType);
        _msgType.Append(msgType);
        _msgType.Soh();
        _header.Clear();
        _body.Clear();
        _trailer.Clear();
        _headerCount = 0;
        _begun = true;
        return this;
    }

    public FixMessageWriter Begin(string beginString, string msgType)
    {
        _prefix.Clear();
        _prefix.AppendLatin1(beginString);
        _msgType.Clear();
        _msgType.AppendTag(FixTag.MsgType);
        _msgType.AppendLatin1(msgType);
        _msgType.Soh();
        _header.Clear();
        _body.Clear();
        _trailer.Clear();
        _headerCount = 0;
        _begun = true;
        return this;
    }

    // ---- header ---------------------------------------------------------------------------

    public FixMessageWriter Header(int tag, ReadOnlySpan<byte> value)
    {
        var start = StartHeader(tag);
        _header.Append(value);
        return EndHeader(tag, start);
    }

    public FixMessageWriter Header(int tag, string value)
    {
        var start = StartHeader(tag);
        _header.AppendLatin1(value);
        return EndHeader(tag, start);
    }

    public FixMessageWriter Header(int tag, long value)
    {
        var start = StartHeader(tag);
        _header.AppendLong(value);
        return EndHeader(tag, start);
    }

    public FixMessageWriter Header(int tag, bool value)
    {
        var start = StartHeader(tag);
        _header.AppendByte(value ? (byte)'Y' : (byte)'N');
        return EndHeader(tag, start);
    }

    public FixMessageWriter HeaderTimestamp(int tag, DateTime utc, FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        var start = StartHeader(tag);
        _header.AppendTimestamp(utc, precision);
        return EndHeader(tag, start);
    }

    /// <summary>A header data field and its length field (SecureData 90/91, XmlData 212/213).</summary>
    public FixMessageWriter HeaderData(int lengthTag, int dataTag, ReadOnlySpan<byte> data)
    {
        Header(lengthTag, data.Length);
        return Header(dataTag, data);
    }

    /// <summary>SendingTime (52) from the injected clock, with milliseconds.</summary>
    public FixMessageWriter SendingTime(FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        var clock = _clock ?? throw new InvalidOperationException("this writer has no clock; pass a TimeProvider to the constructor or call HeaderTimestamp");
        return HeaderTimestamp(FixTag.SendingTime, clock.GetUtcNow().UtcDateTime, precision);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StartHeader(int tag)
    {
        EnsureBegun();
        var start = _header.Length;
        _header.AppendTag(tag);
        return start;
    }

    private FixMessageWriter EndHeader(int tag, int start)
    {
        _header.Soh();
        if (_headerCount == _headerFields.Length)
            Array.Resize(ref _headerFields, _headerCount * 2);
        ref var f = ref _headerFields[_headerCount++];
        f.Tag = tag;
        f.Start = start;
        f.Length = _header.Length - start;
        return this;
    }

    // ---- body -----------------------------------------------------------------------------

    public FixMessageWriter Field(int tag, ReadOnlySpan<byte> value)
    {
        StartBody(tag);
        _body.Append(value);
        _body.Soh();
        return this;
    }

    public FixMessageWriter Field(int tag, string value)
    {
        StartBody(tag);
        _body.AppendLatin1(value);
        _body.Soh();
        return this;
    }

    public FixMessageWriter Field(int tag, int value) => Field(tag, (long)value);

    public FixMessageWriter Field(int tag, long value)
    {
        StartBody(tag);
        _body.AppendLong(value);
        _body.Soh();
        return this;
    }

    /// <summary>A decimal (PRICE, QTY, AMT...) in plain notation with the scale it carries: 100.50m is written 100.50.</summary>
    public FixMessageWriter Field(int tag, decimal value)
    {
        StartBody(tag);
        _body.AppendDecimal(value);
        _body.Soh();
        return this;
    }

    public FixMessageWriter Field(int tag, char value)
    {
        StartBody(tag);
        _body.AppendByte((byte)value);
        _body.Soh();
        return this;
    }

    /// <summary>A BOOLEAN: Y or N.</summary>
    public FixMessageWriter Field(int tag, bool value)
    {
        StartBody(tag);
        _body.AppendByte(value ? (byte)'Y' : (byte)'N');
        _body.Soh();
        return this;
    }

    public FixMessageWriter Timestamp(int tag, DateTime utc, FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        StartBody(tag);
        _body.AppendTimestamp(utc, precision);
        _body.Soh();
        return this;
    }

    public FixMessageWriter TimestampUnixNanos(int tag, long unixNanos, FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        StartBody(tag);
        _body.AppendTimestampUnixNanos(unixNanos, precision);
        _body.Soh();
        return this;
    }

    /// <summary>A data field preceded by its length field (RawDataLength 95 / RawData 96...); the data may contain SOH.</summary>
    public FixMessageWriter Data(int lengthTag, int dataTag, ReadOnlySpan<byte> data)
    {
        Field(lengthTag, data.Length);
        return Field(dataTag, data);
    }

    /// <summary>Appends already-encoded body fields ("tag=value" SOH ...), e.g. when echoing a message.</summary>
    public FixMessageWriter RawBody(ReadOnlySpan<byte> encodedFields)
    {
        EnsureBegun();
        _body.Append(encodedFields);
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void StartBody(int tag)
    {
        EnsureBegun();
        _body.AppendTag(tag);
    }

    // ---- trailer --------------------------------------------------------------------------

    /// <summary>SignatureLength (93) and Signature (89), written before CheckSum.</summary>
    public FixMessageWriter Signature(ReadOnlySpan<byte> signature)
    {
        EnsureBegun();
        _trailer.AppendTag(FixTag.SignatureLength);
        _trailer.AppendLong(signature.Length);
        _trailer.Soh();
        _trailer.AppendTag(FixTag.Signature);
        _trailer.Append(signature);
        _trailer.Soh();
        return this;
    }

    // ---- output ---------------------------------------------------------------------------

    /// <summary>BodyLength (9): the bytes after its SOH up to and including the SOH before 10=.</summary>
    public int BodyLength => _msgType.Length + _header.Length + _body.Length + _trailer.Length;

    /// <summary>The length of the whole encoded message.</summary>
    public int Length
    {
        get
        {
            var bodyLength = BodyLength;
            return 2 + _prefix.Length + 1 + 2 + FixValue.CountDigits((uint)bodyLength) + 1 + bodyLength + 7;
        }
    }

    /// <summary>Writes the message; false (nothing meaningful written) when <paramref name="destination"/> is too small.</summary>
    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        EnsureBegun();
        var length = Length;
        if (destination.Length < length)
        {
            written = 0;
            return false;
        }
        SortHeader();
        var bodyLength = BodyLength;
        var d = destination;
        var pos = 0;
        d[pos++] = (byte)'8';
        d[pos++] = (byte)'=';
        pos += Copy(_prefix.Span, d[pos..]);
        d[pos++] = FixValue.Soh;
        d[pos++] = (byte)'9';
        d[pos++] = (byte)'=';
        pos += FixValue.FormatLong(bodyLength, d[pos..]);
        d[pos++] = FixValue.Soh;
        pos += Copy(_msgType.Span, d[pos..]);
        var header = _header.Span;
        for (var i = 0; i < _headerCount; i++)
        {
            ref readonly var f = ref _headerFields[i];
            pos += Copy(header.Slice(f.Start, f.Length), d[pos..]);
        }
        pos += Copy(_body.Span, d[pos..]);
        pos += Copy(_trailer.Span, d[pos..]);
        var checksum = FixChecksum.Compute(d[..pos]);
        d[pos++] = (byte)'1';
        d[pos++] = (byte)'0';
        d[pos++] = (byte)'=';
        FixChecksum.Format(checksum, d[pos..]);
        pos += 3;
        d[pos++] = FixValue.Soh;
        written = pos;
        return true;
    }

    /// <summary>Writes the message into <paramref name="destination"/> and returns its length.</summary>
    public int WriteTo(Span<byte> destination) =>
        TryWriteTo(destination, out var written)
            ? written
            : throw new ArgumentException($"destination holds {destination.Length} bytes; the message needs {Length}", nameof(destination));

    /// <summary>Writes the message into <paramref name="output"/> (one GetSpan and Advance) and returns its length.</summary>
    public int WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = Length;
        var written = WriteTo(output.GetSpan(length));
        output.Advance(written);
        return written;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>The message with SOH shown as '|'.</summary>
    public override string ToString() => _begun ? FixMessage.FormatForDisplay(ToArray()) : "";

    // Insertion sort by tag, stable: headers hold a handful of fields.
    private void SortHeader()
    {
        var fields = _headerFields;
        for (var i = 1; i < _headerCount; i++)
        {
            var current = fields[i];
            var j = i - 1;
            while (j >= 0 && fields[j].Tag > current.Tag)
            {
                fields[j + 1] = fields[j];
                j--;
            }
            fields[j + 1] = current;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private void EnsureBegun()
    {
        if (!_begun)
            ThrowNotBegun();
    }

    private static void ThrowNotBegun() => throw new InvalidOperationException("call Begin before adding fields or writing");

    /// <summary>A growable byte buffer; grows by doubling, so a warmed writer stops allocating.</summary>
    private sealed class Segment(int capacity)
    {
        // Room left after every reservation, so that a "tag=" prefix can be stored as one 8-byte word.
        private const int Slack = 8;

        // "tag=" for the common tags, packed little-endian with its length in the top byte.
        private static readonly ulong[] TagPrefixes = BuildTagPrefixes(2048);

        private byte[] _buffer = new byte[capacity + Slack];

        public int Length { get; private set; }
        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

        public void Clear() => Length = 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Ensure(int size)
        {
            if (Length + size + Slack > _buffer.Length)
                Grow(size);
        }

        private void Grow(int size) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size + Slack));

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        public void AppendLatin1(string? text)
        {
            if (string.IsNullOrEmpty(text))
                return;
            Ensure(text.Length);
            Length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(Length));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AppendByte(byte b)
        {
            Ensure(1);
            _buffer[Length++] = b;
        }

        public void Soh() => AppendByte(FixValue.Soh);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AppendTag(int tag)
        {
            var prefixes = TagPrefixes;
            if ((uint)tag < (uint)prefixes.Length)
            {
                Ensure(8);
                var packed = prefixes[tag];
                Unsafe.WriteUnaligned(ref _buffer[Length], packed & 0x00FF_FFFF_FFFF_FFFFUL);
                Length += (int)(packed >> 56);
                return;
            }
            AppendLong(tag);
            AppendByte((byte)'=');
        }

        public void AppendLong(long value)
        {
            Ensure(20);
            Length += FixValue.FormatLong(value, _buffer.AsSpan(Length));
        }

        public void AppendDecimal(decimal value)
        {
            Ensure(32);
            Length += FixValue.FormatDecimal(value, _buffer.AsSpan(Length));
        }

        public void AppendTimestamp(DateTime utc, FixTimestampPrecision precision)
        {
            Ensure(FixValue.UtcTimestampLength(precision));
            Length += FixValue.FormatUtcTimestamp(utc, _buffer.AsSpan(Length), precision);
        }

        public void AppendTimestampUnixNanos(long unixNanos, FixTimestampPrecision precision)
        {
            Ensure(FixValue.UtcTimestampLength(precision));
            Length += FixValue.FormatUtcTimestampUnixNanos(unixNanos, _buffer.AsSpan(Length), precision);
        }

        private static ulong[] BuildTagPrefixes(int count)
        {
            var table = new ulong[count];
            Span<byte> digits = stackalloc byte[8];
            for (var tag = 0; tag < count; tag++)
            {
                var n = FixValue.FormatLong(tag, digits);
                digits[n++] = (byte)'=';
                ulong packed = 0;
                for (var i = 0; i < n; i++)
                    packed |= (ulong)digits[i] << (8 * i);
                table[tag] = packed | ((ulong)n << 56);
            }
            return table;
        }
    }
}
