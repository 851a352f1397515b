using System.Buffers;
using System.Text;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

public class FramerTests
{
    private static readonly byte[] Nos = Samples.Get("FIX.4.4 NewOrderSingle").Encode(new FixMessageWriter());
    private static readonly byte[] Er = Samples.Get("FIX.4.4 ExecutionReport").Encode(new FixMessageWriter());
    private static readonly byte[] Logon = Samples.Get("FIX.4.4 Logon").Encode(new FixMessageWriter());

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    [Fact]
    public void Finds_one_whole_message()
    {
        var frame = new FixFramer().Find(Nos);
        Assert.Equal(FixFrameStatus.Message, frame.Status);
        Assert.Equal(0, frame.Start);
        Assert.Equal(Nos.Length, frame.Length);
        Assert.Equal(Nos.Length, frame.Consumed);
    }

    [Fact]
    public void Every_prefix_of_a_message_needs_more_data_and_keeps_the_bytes()
    {
        var framer = new FixFramer();
        for (var n = 0; n < Logon.Length; n++)
        {
            var frame = framer.Find(Logon.AsSpan(0, n));
            Assert.Equal(FixFrameStatus.NeedMoreData, frame.Status);
            Assert.Equal(0, frame.Consumed);
        }
    }

    [Fact]
    public void Finds_several_messages_in_one_buffer()
    {
        var buffer = Concat(Nos, Er, Logon, Nos);
        var result = StreamFramer.FrameAll(buffer, chunk: buffer.Length);
        Assert.Equal([Nos, Er, Logon, Nos], result.Messages);
        Assert.Empty(result.Errors);
        Assert.Equal(0, result.Leftover);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("8")]
    [InlineData("88=")]
    [InlineData("58=FIX.4.4|")]
    [InlineData("8=FIX")]
    [InlineData("8=FI")]
    [InlineData("8=FIX.4.4|35=0|")]
    [InlineData("8=FIX.4.4|9=x|")]
    [InlineData("8=FIX-BEGINSTRING-FAR-TOO-LONG|9=5|")]
    [InlineData("\u0001\u0001=|=8")]
    public void Skips_garbage_before_BeginString(string garbage)
    {
        var buffer = Concat(FixText.Bytes(garbage), Nos, FixText.Bytes(garbage), Er);
        foreach (var chunk in new[] { 1, 5, 64, buffer.Length })
        {
            var result = StreamFramer.FrameAll(buffer, chunk);
            Assert.Equal([Nos, Er], result.Messages);
        }
    }

    [Fact]
    public void A_trailing_partial_BeginString_is_kept_for_the_next_read()
    {
        var framer = new FixFramer();
        Assert.Equal(5, framer.Find("noise8"u8).Consumed);
        Assert.Equal(5, framer.Find("noise8=FI"u8).Consumed);
        Assert.Equal(9, framer.Find("noise8=FX"u8).Consumed);
        Assert.Equal(FixFrameStatus.NeedMoreData, framer.Find("noise8=FI"u8).Status);
    }

    [Fact]
    public void A_fake_header_with_a_BodyLength_swallows_the_next_message_as_QuickFIX_does()
    {
        // Indistinguishable from a real message with a too-long BodyLength (see below).
        var result = StreamFramer.FrameAll(Concat(FixText.Bytes("58=FIX.4.4|9=12|"), Nos, Er), 8);
        Assert.Equal(2, result.Messages.Count);
        Assert.Equal(Er, result.Messages[1]);
    }

    [Fact]
    public void Oversized_declared_length_is_invalid_and_consumed()
    {
        var framer = new FixFramer(new FixCodecOptions { MaxMessageSize = 200 });
        var frame = framer.Find(FixText.Bytes("8=FIX.4.4|9=5000|35=0|"));
        Assert.Equal(FixFrameStatus.Invalid, frame.Status);
        Assert.Equal(FixErrorCode.MessageTooLarge, frame.Error.Code);
        Assert.True(frame.Consumed > 0);
        var result = StreamFramer.FrameAll(Concat(FixText.Bytes("8=FIX.4.4|9=5000|35=0|"), Nos), 17, maxMessageSize: 400);
        Assert.Equal([Nos], result.Messages);
        Assert.Contains(result.Errors, e => e.Code == FixErrorCode.MessageTooLarge);
    }

    [Fact]
    public void Endless_message_without_CheckSum_is_cut_off_at_the_maximum()
    {
        var endless = Concat(FixText.Bytes("8=FIX.4.4|9=10|35=0|"), Encoding.ASCII.GetBytes(new string('x', 5000)));
        var result = StreamFramer.FrameAll(Concat(endless, Nos), 100, maxMessageSize: 1000);
        Assert.Equal([Nos], result.Messages);
        Assert.Contains(result.Errors, e => e.Code == FixErrorCode.MessageTooLarge);
    }

    [Fact]
    public void Too_short_BodyLength_frames_to_its_own_CheckSum_and_fails_to_parse()
    {
        // QuickFIX's rule: after a wrong BodyLength the message ends at the next SOH 10=nnn SOH.
        var wrong = ShortenLength(Nos, 30);
        var result = StreamFramer.FrameAll(Concat(wrong, Er), 9);
        Assert.Equal(2, result.Messages.Count);
        Assert.Equal(wrong, result.Messages[0]);
        Assert.Equal(Er, result.Messages[1]);
        Assert.False(new FixParser(FixDictionary.Fix44).TryParse(result.Messages[0], new FixMessage(), out var error));
        Assert.Equal(FixErrorCode.BodyLengthMismatch, error.Code);
    }

    [Fact]
    public void Too_long_BodyLength_swallows_the_next_message_as_QuickFIX_does()
    {
        // The acceptance script 2m_BodyLengthValueNotCorrect depends on this: the garbled message
        // and the one after it are dropped together, and the stream then resynchronises.
        var wrong = ShortenLength(Nos, -12);
        var result = StreamFramer.FrameAll(Concat(wrong, Er, Logon), 11);
        Assert.Equal(2, result.Messages.Count);
        Assert.Equal(Concat(wrong, Er), result.Messages[0]);
        Assert.Equal(Logon, result.Messages[1]);
    }

    [Fact]
    public void Raw_data_that_looks_like_a_trailer_does_not_end_the_frame()
    {
        var result = StreamFramer.FrameAll(Concat(Logon, Nos), 3);
        Assert.Equal([Logon, Nos], result.Messages);
        Assert.Contains("key|=01", FixText.Show(Logon), StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_a_multi_segment_sequence()
    {
        var buffer = Concat(FixText.Bytes("junk"), Er, Nos);
        var framer = new FixFramer();
        var sequence = Segments.Split(buffer, 10);
        var frame = framer.Find(sequence);
        Assert.Equal(FixFrameStatus.Message, frame.Status);
        Assert.Equal(4, frame.Start);
        Assert.Equal(Er, sequence.Slice(frame.Start, frame.Length).ToArray());
        var next = framer.Find(sequence.Slice(frame.Consumed));
        Assert.Equal(Nos, sequence.Slice(frame.Consumed + next.Start, next.Length).ToArray());
    }

    [Fact]
    public void Frames_a_long_multi_segment_stream_like_the_span_framer()
    {
        var random = new Random(9);
        var parts = new List<byte>();
        for (var i = 0; i < 300; i++)
        {
            parts.AddRange(Samples.All[random.Next(Samples.All.Count)].Encode(new FixMessageWriter()));
            if (random.Next(5) == 0)
                parts.AddRange(FixText.Bytes("garbage|8=F"));
        }
        var bytes = parts.ToArray();
        var expected = StreamFramer.FrameAll(bytes, bytes.Length).Messages;
        Assert.Equal(300, expected.Count);

        var framer = new FixFramer();
        var sequence = Segments.Split(bytes, 7);
        var actual = new List<byte[]>();
        while (true)
        {
            var frame = framer.Find(sequence);
            if (frame.Status == FixFrameStatus.Message)
                actual.Add(sequence.Slice(frame.Start, frame.Length).ToArray());
            sequence = sequence.Slice(frame.Consumed);
            if (frame.Status == FixFrameStatus.NeedMoreData)
                break;
        }
        Assert.Equal(expected, actual);
    }

    // The same message with its BodyLength changed by -delta (positive: too short).
    private static byte[] ShortenLength(byte[] message, int delta)
    {
        var text = FixText.Show(message);
        var start = text.IndexOf("|9=", StringComparison.Ordinal) + 3;
        var end = text.IndexOf('|', start);
        var length = int.Parse(text[start..end], System.Globalization.CultureInfo.InvariantCulture);
        return FixText.Bytes(text[..start] + (length - delta).ToString(System.Globalization.CultureInfo.InvariantCulture) + text[end..]);
    }
}
