using System.Buffers;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

public class ParserTests
{
    // BodyLength 59 is what QuickFIX's acceptance scripts expect for this Heartbeat (with ISLD/TW swapped).
    private const string Heartbeat = "8=FIX.4.4|9=59|35=0|34=2|49=TW|52=20261125-14:30:00.000|56=ISLD|112=HELLO|10=227|";

    private static FixParseError ParseError(byte[] bytes, FixDictionary? dictionary = null, FixCodecOptions? options = null)
    {
        var ok = new FixParser(dictionary ?? FixDictionary.Fix44, options).TryParse(bytes, new FixMessage(), out var error);
        Assert.False(ok, $"expected a parse error: {FixText.Show(bytes)}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static FixMessage Parse(string pipeText, FixDictionary? dictionary = null) =>
        RoundTripTests.Parse(FixText.Decorate(pipeText), dictionary ?? FixDictionary.Fix44);

    [Fact]
    public void Heartbeat_checksum_and_length_are_right() => Assert.Equal(Heartbeat, FixText.Show(FixText.Decorate(Heartbeat[..^7])));

    [Fact]
    public void Parses_a_message_and_reads_typed_values()
    {
        var m = Parse("8=FIX.4.4|35=D|34=7|49=TW|52=20261125-14:30:00.123|56=ISLD|11=ID|21=1|55=INTC|54=1|60=20261125-14:30:00.123456789|38=100|40=2|44=-187.250|");
        Assert.Equal("FIX.4.4"u8.ToArray(), m.BeginString.ToArray());
        Assert.Equal("D"u8.ToArray(), m.MsgType.ToArray());
        Assert.False(m.IsAdmin);
        Assert.Equal(7, m.GetInt(FixTag.MsgSeqNum));
        Assert.Equal(-187.250m, m.GetDecimal(FixTag.Price));
        Assert.Equal("-187.250", m.GetDecimal(FixTag.Price).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal('1', m.GetChar(FixTag.Side));
        Assert.Equal(new DateTime(2026, 11, 25, 14, 30, 0, 123, DateTimeKind.Utc), m.GetUtcTimestamp(FixTag.SendingTime));
        Assert.True(m.TryGetUtcTimestampUnixNanos(FixTag.TransactTime, out var nanos));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000 + 123_456_789, nanos);
        Assert.Equal("INTC", m.GetString(FixTag.Symbol));
        Assert.False(m.Contains(FixTag.StopPx));
        Assert.False(m.TryGetDecimal(FixTag.StopPx, out _));
        Assert.False(m.TryGetInt(FixTag.Symbol, out _));
        Assert.Throws<FixFieldException>(() => m.GetInt(FixTag.StopPx));
        Assert.Equal(FixDictionary.Fix44.GetMessage("D"), m.Definition);
        Assert.Equal(FixSection.Header, m[4].Section);
        Assert.Equal(FixSection.Body, m[7].Section);
        Assert.Equal(FixSection.Trailer, m[m.FieldCount - 1].Section);
    }

    [Fact]
    public void Zero_padded_body_length_is_accepted()
    {
        var padded = Heartbeat.Replace("9=59|", "9=00059|", StringComparison.Ordinal);
        var sum = FixText.Bytes(padded[..^7]).Sum(b => b) % 256;
        var m = RoundTripTests.Parse(FixText.Bytes($"{padded[..^7]}10={sum:000}|"), FixDictionary.Fix44);
        Assert.Equal(59, m.GetInt(FixTag.BodyLength));
    }

    [Fact]
    public void Wrong_checksum_is_reported_with_both_values()
    {
        var error = ParseError(FixText.Bytes(Heartbeat.Replace("10=227", "10=228", StringComparison.Ordinal)));
        Assert.Equal(FixErrorCode.CheckSumMismatch, error.Code);
        Assert.Equal(228, error.Expected);
        Assert.Equal(227, error.Actual);
        Assert.Equal("CheckSum (10) is 228 but the bytes sum to 227", error.Message);
    }

    [Theory]
    [InlineData("9=58|")]
    [InlineData("9=60|")]
    [InlineData("9=0|")]
    [InlineData("9=99999|")]
    public void Wrong_body_length_is_reported(string length)
    {
        var error = ParseError(FixText.Bytes(Heartbeat.Replace("9=59|", length, StringComparison.Ordinal)));
        Assert.Equal(FixErrorCode.BodyLengthMismatch, error.Code);
        Assert.Equal(59, error.Actual);
    }

    [Theory]
    [InlineData("", FixErrorCode.MissingBeginString)]
    [InlineData("8", FixErrorCode.MissingBeginString)]
    [InlineData("9=5|8=FIX.4.4|", FixErrorCode.MissingBeginString)]
    [InlineData("8=|9=5|35=0|10=000|", FixErrorCode.InvalidBeginString)]
    [InlineData("8=FIX.4.4", FixErrorCode.InvalidBeginString)]
    [InlineData("8=FIX.4.4|35=0|9=5|10=000|", FixErrorCode.MissingBodyLength)]
    [InlineData("8=FIX.4.4|9=abc|35=0|10=000|", FixErrorCode.InvalidBodyLength)]
    [InlineData("8=FIX.4.4|9=-5|35=0|10=000|", FixErrorCode.InvalidBodyLength)]
    [InlineData("8=FIX.4.4|9=5|35=0|", FixErrorCode.MissingCheckSum)]
    [InlineData("8=FIX.4.4|9=5|35=0|10=000", FixErrorCode.MissingCheckSum)]
    [InlineData("8=FIX.4.4|9=5|35=0|10=|", FixErrorCode.InvalidCheckSum)]
    [InlineData("8=FIX.4.4|9=5|35=0|10=1x3|", FixErrorCode.InvalidCheckSum)]
    [InlineData("8=FIX.4.4|9=5|35=0|10=0000|", FixErrorCode.InvalidCheckSum)]
    public void Malformed_frames_are_reported(string text, FixErrorCode code) =>
        Assert.Equal(code, ParseError(FixText.Bytes(text)).Code);

    [Theory]
    [InlineData("8=FIX.4.4|34=2|35=0|49=TW|", FixErrorCode.MissingMsgType)]
    [InlineData("8=FIX.4.4|35=0|ab=2|", FixErrorCode.InvalidTag)]
    [InlineData("8=FIX.4.4|35=0|=2|", FixErrorCode.InvalidTag)]
    [InlineData("8=FIX.4.4|35=0|34|", FixErrorCode.InvalidTag)]
    [InlineData("8=FIX.4.4|35=0|3a4=2|", FixErrorCode.InvalidTag)]
    [InlineData("8=FIX.4.4|35=0|12345678901=2|", FixErrorCode.InvalidTag)]
    [InlineData("8=FIX.4.4|35=0|95=100|96=short|", FixErrorCode.InvalidDataLength)]
    [InlineData("8=FIX.4.4|35=0|95=x|96=short|", FixErrorCode.InvalidDataLength)]
    [InlineData("8=FIX.4.4|35=0|95=2|96=short|", FixErrorCode.InvalidDataLength)]
    public void Malformed_fields_are_reported(string text, FixErrorCode code) =>
        Assert.Equal(code, ParseError(FixText.Decorate(text)).Code);

    [Theory]
    [InlineData("FIX.4.4 Logon")]
    [InlineData("FIX.4.4 MarketDataIncrementalRefresh")]
    [InlineData("FIX.4.2 ExecutionReport")]
    public void Every_truncation_of_a_message_is_refused_with_an_error(string key)
    {
        var bytes = Samples.Get(key).Encode(new FixMessageWriter());
        for (var n = 0; n < bytes.Length; n++)
        {
            var error = ParseError(bytes[..n], FixDictionary.ForBeginString(Samples.Get(key).BeginString));
            Assert.NotEqual(FixErrorCode.None, error.Code);
        }
    }

    [Fact]
    public void Oversized_message_is_refused()
    {
        var bytes = Samples.Get("FIX.4.4 ExecutionReport").Encode(new FixMessageWriter());
        var error = ParseError(bytes, options: new FixCodecOptions { MaxMessageSize = 100 });
        Assert.Equal(FixErrorCode.MessageTooLarge, error.Code);
        Assert.Equal(100, error.Expected);
        Assert.Equal(bytes.Length, error.Actual);
    }

    [Fact]
    public void Negative_and_zero_tags_parse_so_that_validation_can_name_them()
    {
        var m = Parse("8=FIX.4.4|35=0|34=2|49=TW|52=20261125-14:30:00|56=ISLD|-1=HI|0=X|");
        Assert.Equal("HI", m.GetString(-1));
        Assert.Equal("X", m.GetString(0));
    }

    [Fact]
    public void Data_fields_may_contain_SOH_and_look_like_fields()
    {
        var m = Parse("8=FIX.4.4|35=A|34=1|49=TW|52=20261125-14:30:00|56=ISLD|98=0|108=30|95=12|96=a|10=1|9=9|x|141=Y|93=4|89=|10=|");
        Assert.Equal("a\u000110=1\u00019=9\u0001x"u8.ToArray(), m.GetValue(FixTag.RawData).ToArray());
        Assert.Equal("|10="u8.ToArray().Select(b => b == (byte)'|' ? (byte)1 : b).ToArray(), m.GetValue(FixTag.Signature).ToArray());
        Assert.Equal(FixSection.Trailer, m[m.FieldCount - 2].Section);
        Assert.True(m.GetBoolean(FixTag.ResetSeqNumFlag));
        Assert.Equal(FixReject.None, FixDictionary.Fix44.Validate(m));
    }

    [Fact]
    public void Data_field_without_its_length_runs_to_the_next_SOH()
    {
        var m = Parse("8=FIX.4.4|35=B|34=2|49=TW|52=20261125-14:30:00|56=ISLD|148=news|359=olé!|", SharedOrEmbedded());
        Assert.Equal("olé!"u8.Length - 1, m.GetValue(359).Length); // Latin-1 on the wire: é is one byte
    }

    private static FixDictionary SharedOrEmbedded() =>
        File.Exists(Path.Combine(RepoPaths.Shared, SharedDictionaries.Fix44Path)) ? SharedDictionaries.Fix44 : FixDictionary.Fix44;

    [Fact]
    public void Groups_are_read_by_entry_with_nested_groups()
    {
        var bytes = Samples.Get("FIX.4.4 NewOrderSingle").Encode(new FixMessageWriter());
        var m = RoundTripTests.Parse(bytes, FixDictionary.Fix44);
        var parties = m.GetGroup(FixTag.NoPartyIDs);
        Assert.Equal(2, parties.Count);
        Assert.Equal(2, parties.DeclaredCount);
        Assert.Equal(FixTag.NoPartyIDs, parties.CounterTag);
        Assert.Equal(FixTag.PartyID, parties.Definition!.DelimiterTag);
        Assert.Equal("TRADER1", parties[0].GetString(FixTag.PartyID));
        Assert.True(parties[0].TryGetInt(FixTag.PartyRole, out var role));
        Assert.Equal(11, role);
        Assert.Equal('D', parties[1].TryGetChar(FixTag.PartyIDSource, out var source) ? source : '?');
        var subIds = parties[0].GetGroup(FixTag.NoPartySubIDs);
        Assert.Single(subIds);
        Assert.Equal("DESK-7", subIds[0].GetString(FixTag.PartySubID));
        Assert.Empty(parties[1].GetGroup(FixTag.NoPartySubIDs));
        Assert.False(m.Contains(FixTag.PartyID)); // members are not top-level fields
        Assert.Equal(["TRADER1", "BROKER"], parties.Select(p => p.GetString(FixTag.PartyID)));
        Assert.Empty(m.GetGroup(FixTag.NoMDEntries));
        Assert.Throws<ArgumentOutOfRangeException>(() => parties[2]);
    }

    [Fact]
    public void Nested_groups_in_market_data_keep_entries_in_order()
    {
        var bytes = Samples.Get("FIX.4.4 MarketDataIncrementalRefresh").Encode(new FixMessageWriter());
        var m = RoundTripTests.Parse(bytes, FixDictionary.Fix44);
        var entries = m.GetGroup(FixTag.NoMDEntries);
        Assert.Equal(2, entries.Count);
        Assert.Equal("B1", entries[0].GetString(278));
        Assert.Equal("A7", entries[1].GetString(278));
        Assert.Equal(187.26m, entries[1].TryGetDecimal(FixTag.MDEntryPx, out var px) ? px : 0);
        var altIds = entries[0].GetGroup(FixTag.NoSecurityAltID);
        Assert.Equal(["US0378331005", "2046251"], altIds.Select(a => a.GetString(FixTag.SecurityAltID)));
        Assert.Empty(entries[1].GetGroup(FixTag.NoSecurityAltID));
        Assert.False(entries[0].Contains(FixTag.SecurityAltID)); // nested members belong to the nested entry
        var range = entries[0].FieldRange;
        Assert.Equal(FixTag.MDUpdateAction, m[range.Start.Value].Tag);
    }

    [Fact]
    public void Snapshot_entries_read_typed_values()
    {
        var bytes = Samples.Get("FIX.4.2 MarketDataSnapshotFullRefresh").Encode(new FixMessageWriter());
        var m = RoundTripTests.Parse(bytes, FixDictionary.Fix42);
        var book = m.GetGroup(FixTag.NoMDEntries);
        Assert.Equal(3, book.Count);
        Assert.Equal([187.24m, 187.26m, 187.25m], book.Select(e => e.TryGetDecimal(FixTag.MDEntryPx, out var p) ? p : -1));
        Assert.Equal(['0', '1', '2'], book.Select(e => e.TryGetChar(FixTag.MDEntryType, out var c) ? c : '?'));
        Assert.True(FixValue.TryParseUtcTimeOnly(book[2].GetValue(273), out var time));
        Assert.Equal(new TimeOnly(14, 29, 59, 999), time);
    }

    [Fact]
    public void A_reused_message_forgets_the_previous_one()
    {
        var m = new FixMessage(16);
        var parser = new FixParser(FixDictionary.Fix44);
        Assert.True(parser.TryParse(Samples.Get("FIX.4.4 ExecutionReport").Encode(new FixMessageWriter()), m, out _));
        Assert.True(m.Contains(FixTag.ExecID));
        Assert.True(parser.TryParse(FixText.Bytes(Heartbeat), m, out _));
        Assert.False(m.Contains(FixTag.ExecID));
        Assert.Empty(m.GetGroup(FixTag.NoPartyIDs));
        Assert.Equal("HELLO", m.GetString(FixTag.TestReqID));
        Assert.Equal(FixReject.None, FixDictionary.Fix44.Validate(m));
    }

    [Fact]
    public void Parses_a_multi_segment_sequence_and_clones()
    {
        var bytes = Samples.Get("FIX.4.4 MarketDataIncrementalRefresh").Encode(new FixMessageWriter());
        var sequence = Segments.Split(bytes, 13);
        Assert.False(sequence.IsSingleSegment);
        var m = new FixMessage();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(sequence, m, out var error), error.Message);
        var clone = m.Clone();
        Assert.True(new FixParser(FixDictionary.Fix44).TryParse(FixText.Bytes(Heartbeat), m, out _));
        Assert.Equal(FixText.Show(bytes), clone.ToString());
        Assert.Equal("A7", clone.GetGroup(FixTag.NoMDEntries)[1].GetString(278));
        Assert.Equal(FixReject.None, FixDictionary.Fix44.Validate(clone));
    }

    [Fact]
    public void Parses_without_a_dictionary_using_the_standard_header()
    {
        var m = RoundTripTests.Parse(FixText.Decorate("8=FIX.4.4|35=D|49=TW|56=ISLD|11=ID|34=2|"), null);
        Assert.Null(m.Dictionary);
        Assert.Null(m.Definition);
        Assert.Equal(FixSection.Header, m[m.FieldCount - 2].Section);
        Assert.Equal(2, m.GetInt(FixTag.MsgSeqNum));
    }
}

/// <summary>Builds multi-segment sequences, as a pipe reader hands them out.</summary>
public static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, int size)
    {
        Segment? first = null, last = null;
        for (var i = 0; i < bytes.Length; i += size)
        {
            var chunk = bytes.AsMemory(i, Math.Min(size, bytes.Length - i));
            if (first is null)
                first = last = new Segment(chunk, 0);
            else
                last = last!.Append(chunk);
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

public class FailedParseTests
{
    [Fact]
    public void A_failed_parse_leaves_an_empty_message()
    {
        var m = new FixMessage();
        var parser = new FixParser(FixDictionary.Fix44);
        Assert.True(parser.TryParse(Samples.Get("FIX.4.4 NewOrderSingle").Encode(new FixMessageWriter()), m, out _));
        Assert.False(parser.TryParse(FixText.Bytes("8=FIX.4.4|9=5|34=1|10=000|"), m, out _));
        Assert.Equal(0, m.FieldCount);
        Assert.True(m.BeginString.IsEmpty);
        Assert.True(m.MsgType.IsEmpty);
        Assert.False(m.Contains(FixTag.ClOrdID));
        Assert.Empty(m.GetGroup(FixTag.NoPartyIDs));
        Assert.False(parser.TryParse(new byte[70_000], m, out var error));
        Assert.Equal(FixErrorCode.MessageTooLarge, error.Code);
        Assert.Equal(0, m.FieldCount);
    }
}
