using System.Buffers;
using System.Text;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

public class WriterTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 25, 14, 30, 0, 123, TimeSpan.Zero));

    // BodyLength and CheckSum computed the slow, obvious way.
    private static (int BodyLength, int CheckSum) Expected(string pipeText)
    {
        var bytes = FixText.Bytes(pipeText);
        var bodyStart = FixText.Show(bytes).IndexOf("|9=", StringComparison.Ordinal) + 1;
        bodyStart = Array.IndexOf(bytes, (byte)1, bodyStart) + 1;
        var checksumStart = FixText.Show(bytes).LastIndexOf("|10=", StringComparison.Ordinal) + 1;
        return (checksumStart - bodyStart, bytes.Take(checksumStart).Sum(b => b) % 256);
    }

    [Fact]
    public void Header_fields_are_written_in_standard_order_with_length_and_checksum()
    {
        var w = new FixMessageWriter(Clock);
        w.Begin("FIX.4.4", "D")
            .Header(FixTag.TargetCompID, "VENUE")
            .SendingTime()
            .Header(FixTag.MsgSeqNum, 42)
            .Header(FixTag.PossDupFlag, true)
            .Header(FixTag.SenderCompID, "SCALP")
            .HeaderTimestamp(FixTag.OrigSendingTime, new DateTime(2026, 11, 25, 14, 29, 0, DateTimeKind.Utc))
            .Field(FixTag.ClOrdID, "ORD-1")
            .Field(FixTag.Side, '1')
            .Field(FixTag.OrderQty, 100)
            .Field(FixTag.Price, 187.250m)
            .Field(FixTag.Symbol, "AAPL"u8)
            .Timestamp(FixTag.TransactTime, new DateTime(2026, 11, 25, 14, 30, 0, 120, DateTimeKind.Utc));
        var text = w.ToString();
        Assert.StartsWith("8=FIX.4.4|9=", text, StringComparison.Ordinal);
        Assert.Contains("|35=D|34=42|43=Y|49=SCALP|52=20261125-14:30:00.123|56=VENUE|122=20261125-14:29:00.000|11=ORD-1|54=1|38=100|44=187.250|55=AAPL|60=20261125-14:30:00.120|10=",
            text, StringComparison.Ordinal);
        var (bodyLength, checksum) = Expected(text);
        Assert.Equal(bodyLength, w.BodyLength);
        Assert.EndsWith($"|10={checksum:000}|", text, StringComparison.Ordinal);
        Assert.Equal(text.Length, w.Length);
        Assert.Contains($"|9={bodyLength}|", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_match_what_QuickFIX_acceptance_scripts_expect()
    {
        // From the scripts' expected acceptor output (SendingTime with milliseconds).
        var w = new FixMessageWriter(Clock);
        w.Begin("FIX.4.4", "A").Header(49, "ISLD").Header(56, "TW").Header(34, 1).SendingTime().Field(98, 0).Field(108, 2);
        Assert.Equal(60, w.BodyLength);
        w.Begin("FIX.4.4", "0").Header(49, "ISLD").Header(56, "TW").Header(34, 2).SendingTime().Field(112, "HELLO");
        Assert.Equal(59, w.BodyLength);
        w.Begin("FIX.4.4", "3").Header(49, "ISLD").Header(56, "TW").Header(34, 2).SendingTime()
            .Field(45, 2).Field(58, "Invalid tag number").Field(371, 999).Field(372, "0").Field(373, 0);
        Assert.Equal(96, w.BodyLength);
        w.Begin("FIX.4.4", "5").Header(49, "ISLD").Header(56, "TW").Header(34, 4).SendingTime();
        Assert.Equal(49, w.BodyLength);
    }

    [Fact]
    public void Writes_into_a_span_and_a_buffer_writer()
    {
        var w = new FixMessageWriter(Clock);
        Samples.Get("FIX.4.4 ExecutionReport").Encode(w);
        var expected = w.ToArray();

        Assert.False(w.TryWriteTo(new byte[expected.Length - 1], out var none));
        Assert.Equal(0, none);
        Assert.Throws<ArgumentException>(() => w.WriteTo(new byte[10]));

        var span = new byte[expected.Length + 10];
        Assert.True(w.TryWriteTo(span, out var written));
        Assert.Equal(expected, span[..written]);

        var output = new ArrayBufferWriter<byte>();
        output.Write("prefix"u8);
        Assert.Equal(expected.Length, w.WriteTo(output));
        Assert.Equal([.. "prefix"u8.ToArray(), .. expected], output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_writer_is_reusable()
    {
        var w = new FixMessageWriter();
        var first = Samples.Get("FIX.4.4 MarketDataIncrementalRefresh").Encode(w);
        var second = Samples.Get("FIX.4.2 Heartbeat").Encode(w);
        Assert.Equal(FixText.Show(second), FixText.Show(Samples.Get("FIX.4.2 Heartbeat").Encode(new FixMessageWriter())));
        Assert.Equal(first, Samples.Get("FIX.4.4 MarketDataIncrementalRefresh").Encode(w));
    }

    [Fact]
    public void Using_a_writer_before_Begin_is_an_error()
    {
        var w = new FixMessageWriter();
        Assert.Throws<InvalidOperationException>(() => w.Field(1, "x"));
        Assert.Throws<InvalidOperationException>(() => w.TryWriteTo(new byte[100], out _));
        Assert.Throws<InvalidOperationException>(() => new FixMessageWriter().Begin("FIX.4.4", "0").SendingTime());
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void Typed_fields_are_formatted_as_FIX_requires()
    {
        var w = new FixMessageWriter();
        w.Begin("FIX.4.4", "8")
            .Field(1, -5)
            .Field(2, long.MaxValue)
            .Field(3, 0.000m)
            .Field(4, -1.5m)
            .Field(5, 12345678901234567890.123456789m)
            .Field(6, true)
            .Field(7, false)
            .Field(8, 'Z')
            .Timestamp(9, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9012), FixTimestampPrecision.Seconds)
            .Timestamp(10, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9012), FixTimestampPrecision.Microseconds)
            .TimestampUnixNanos(11, 1_764_081_000_123_456_789, FixTimestampPrecision.Nanoseconds)
            .Field(12, "é")
            .Field(13, "")
            .Data(95, 96, "a\u0001b"u8)
            .Signature("s\u0001g"u8);
        var text = w.ToString();
        Assert.Contains("|1=-5|2=9223372036854775807|3=0.000|4=-1.5|5=12345678901234567890.123456789|6=Y|7=N|8=Z|" +
                        "9=20260102-03:04:05|10=20260102-03:04:05.678901|11=20251125-14:30:00.123456789|12=é|13=|95=3|96=a|b|93=3|89=s|g|10=",
            text, StringComparison.Ordinal);
        var bytes = w.ToArray();
        Assert.Equal(0xE9, bytes[Encoding.Latin1.GetString(bytes).IndexOf('é', StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData("FIX.4.2")]
    [InlineData("FIX.4.4")]
    public void Golden_encodings_of_every_message(string beginString)
    {
        var w = new FixMessageWriter(Clock);
        var sb = new StringBuilder();
        foreach (var sample in Samples.All.Where(s => s.BeginString == beginString))
        {
            var bytes = sample.Encode(w);
            Assert.DoesNotContain((byte)'|', bytes);
            var (bodyLength, checksum) = Expected(FixText.Show(bytes));
            Assert.Contains($"|9={bodyLength}|", FixText.Show(bytes), StringComparison.Ordinal);
            Assert.EndsWith($"|10={checksum:000}|", FixText.Show(bytes), StringComparison.Ordinal);
            sb.Append("# ").Append(sample.Name).Append('\n').Append(FixText.Show(bytes)).Append('\n');
        }
        Golden.Verify(Path.Combine(RepoPaths.Goldens, "Encodings", beginString + ".txt"), sb.ToString());
    }

    [Fact]
    public void Golden_session_messages_with_the_injected_clock()
    {
        var w = new FixMessageWriter(Clock);
        string Write(Action<FixMessageWriter> build)
        {
            w.Begin("FIX.4.4", "0");
            build(w);
            return w.ToString();
        }
        var sb = new StringBuilder();
        sb.Append(Write(x => x.Begin("FIX.4.4", "A").Header(49, "ISLD").Header(56, "TW").Header(34, 1).SendingTime().Field(98, 0).Field(108, 30))).Append('\n');
        sb.Append(Write(x => x.Header(49, "ISLD").Header(56, "TW").Header(34, 2).SendingTime().Field(112, "TEST"))).Append('\n');
        sb.Append(Write(x => x.Begin("FIX.4.4", "3").Header(49, "ISLD").Header(56, "TW").Header(34, 3).SendingTime()
            .Field(45, 2).Field(58, "Required tag missing").Field(371, 56).Field(372, "0").Field(373, 1))).Append('\n');
        sb.Append(Write(x => x.Begin("FIX.4.4", "4").Header(49, "ISLD").Header(56, "TW").Header(34, 4).Header(43, true).SendingTime()
            .HeaderTimestamp(122, Clock.Now.UtcDateTime).Field(123, true).Field(36, 9))).Append('\n');
        sb.Append(Write(x => x.Begin("FIX.4.2", "5").Header(49, "ISLD").Header(56, "TW").Header(34, 5).SendingTime().Field(58, "bye"))).Append('\n');
        Golden.Verify(Path.Combine(RepoPaths.Goldens, "Encodings", "session.txt"), sb.ToString());
    }

    [Fact]
    public void Written_messages_parse_and_validate()
    {
        var w = new FixMessageWriter(Clock);
        w.Begin("FIX.4.4", "1").Header(49, "A").Header(56, "B").Header(34, 1).SendingTime().Field(112, "X").Signature("sig"u8)
            .HeaderData(212, 213, "<x>\u0001</x>"u8);
        var message = RoundTripTests.Parse(w.ToArray(), FixDictionary.Fix44);
        Assert.Equal(FixReject.None, FixDictionary.Fix44.Validate(message));
        Assert.Equal("sig", message.GetString(89));
        Assert.Equal("<x>\u0001</x>", message.GetString(213));
    }
}
