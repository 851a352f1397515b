using System.Buffers.Binary;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>The 128-byte header (docs/tape.md, Header): round trip and every refusal.</summary>
public sealed class TapeHeaderTests
{
    private static byte[] Bytes(TapeHeader header)
    {
        var bytes = new byte[TapeHeader.Length];
        header.Write(bytes);
        return bytes;
    }

    private static readonly TapeHeader Sample = new(new Instrument("GOOG", 0.01m, 1m, "USD"), 10, 1_340_000_000_000_000_000, 7, 3);

    [Theory]
    [InlineData("0.01", "1")]
    [InlineData("0.001", "0.25")]
    [InlineData("0.25", "0.001")]
    [InlineData("1", "100")]
    [InlineData("0.00000001", "123456789012345678")]
    public void Tick_and_lot_round_trip_exactly(string tick, string lot)
    {
        var t = decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture);
        var l = decimal.Parse(lot, System.Globalization.CultureInfo.InvariantCulture);
        var header = Sample with { Instrument = new Instrument("X", t, l, "USDT") };
        var read = TapeHeader.Read(Bytes(header), out var error);
        Assert.Null(error);
        Assert.Equal(header, read);
        Assert.Equal(tick, read!.Instrument.TickSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(lot, read.Instrument.LotSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Layout_matches_the_spec()
    {
        var b = Bytes(Sample);
        Assert.Equal("SCLPTAPE"u8.ToArray(), b[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)));
        Assert.Equal(128, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(10)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(12)));
        Assert.Equal(10, b[14]);
        Assert.Equal(0, b[15]);
        Assert.Equal(Sample.StartTs, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(16)));
        Assert.Equal(7, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(24)));
        Assert.Equal(3, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(32)));
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(40)));
        Assert.Equal(2, b[48]);
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(56)));
        Assert.Equal(0, b[64]);
        Assert.Equal("GOOG"u8.ToArray(), b[72..76]);
        Assert.All(b[76..104], x => Assert.Equal(0, x));
        Assert.Equal("USD"u8.ToArray(), b[104..107]);
        Assert.All(b[107..128], x => Assert.Equal(0, x));
    }

    [Fact]
    public void Symbol_and_currency_limits()
    {
        var full = Sample with { Instrument = new Instrument(new string('S', 32), 0.01m, 1m, "ABCDEFGH") };
        Assert.Equal(full, TapeHeader.Read(Bytes(full), out _));
        Assert.Throws<ArgumentException>(() => Bytes(Sample with { Instrument = new Instrument(new string('S', 33), 0.01m, 1m, "USD") }));
        Assert.Throws<ArgumentException>(() => Bytes(Sample with { Instrument = new Instrument("S", 0.01m, 1m, "ABCDEFGHI") }));
        Assert.Throws<ArgumentException>(() => Bytes(Sample with { Instrument = new Instrument("GOÖG", 0.01m, 1m, "USD") }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bytes(Sample with { Instrument = new Instrument("S", 12345678901234567890.5m, 1m, "USD") }));
    }

    public static TheoryData<string, int, string> Corruptions() => new()
    {
        { "magic", 0, "not a tape: the file does not start with SCLPTAPE" },
        { "version", 2, "tape version 2 is not supported (this build reads version 1)" },
        { "header length", 127, "corrupt tape header: header or record length is not 128/16" },
        { "record length", 15, "corrupt tape header: header or record length is not 128/16" },
        { "depth", 0, "corrupt tape header: book depth 0 is outside 1..64" },
        { "depth", 65, "corrupt tape header: book depth 65 is outside 1..64" },
        { "start", -1, "corrupt tape header: start -1, 7 records, 3 events" },
        { "records", -1, "corrupt tape header: start 1340000000000000000, -1 records, 3 events" },
        { "events", -1, "corrupt tape header: start 1340000000000000000, 7 records, -1 events" },
        { "events", 8, "corrupt tape header: start 1340000000000000000, 7 records, 8 events" },
        { "tick mantissa", 0, "corrupt tape header: tick or lot size is not a positive decimal" },
        { "tick mantissa", -5, "corrupt tape header: tick or lot size is not a positive decimal" },
        { "lot scale", 29, "corrupt tape header: tick or lot size is not a positive decimal" },
        { "symbol", 0, "corrupt tape header: symbol or currency is empty or not printable ASCII" },
        { "symbol", 0xC3, "corrupt tape header: symbol or currency is empty or not printable ASCII" },
        { "symbol", 0x7F, "corrupt tape header: symbol or currency is empty or not printable ASCII" },
        { "symbol gap", 'X', "corrupt tape header: symbol or currency is empty or not printable ASCII" },
        { "currency", 0, "corrupt tape header: symbol or currency is empty or not printable ASCII" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Every_corruption_is_refused_with_its_sentence(string field, int value, string message)
    {
        var b = Bytes(Sample);
        var s = b.AsSpan();
        switch (field)
        {
            case "magic": s[0] = (byte)'X'; break;
            case "version": BinaryPrimitives.WriteUInt16LittleEndian(s[8..], (ushort)value); break;
            case "header length": BinaryPrimitives.WriteUInt16LittleEndian(s[10..], (ushort)value); break;
            case "record length": BinaryPrimitives.WriteUInt16LittleEndian(s[12..], (ushort)value); break;
            case "depth": s[14] = (byte)value; break;
            case "start": BinaryPrimitives.WriteInt64LittleEndian(s[16..], value); break;
            case "records": BinaryPrimitives.WriteInt64LittleEndian(s[24..], value); break;
            case "events": BinaryPrimitives.WriteInt64LittleEndian(s[32..], value); break;
            case "tick mantissa": BinaryPrimitives.WriteInt64LittleEndian(s[40..], value); break;
            case "lot scale": s[64] = (byte)value; break;
            case "symbol": s[72] = (byte)value; break;
            case "symbol gap": s[80] = (byte)value; break; // a character after the zero padding began
            case "currency": s[104..112].Clear(); break;
        }
        Assert.Null(TapeHeader.Read(b, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_short_header_is_refused()
    {
        Assert.Null(TapeHeader.Read(Bytes(Sample).AsSpan(0, 100), out var error));
        Assert.Equal("not a tape: 100 bytes, shorter than the 128-byte header", error);
    }
}
