using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>Every message type the engine uses, FIX 4.2 and 4.4: write, frame, parse, validate, read, write again.</summary>
public class RoundTripTests
{
    public static TheoryData<string> Keys => Samples.Keys;

    [Theory]
    [MemberData(nameof(Keys))]
    public void Round_trips_with_the_embedded_dictionary(string key)
    {
        var sample = Samples.Get(key);
        var bytes = sample.Encode(new FixMessageWriter());
        var dictionary = FixDictionary.ForBeginString(sample.BeginString)!;
        var message = Parse(bytes, dictionary);

        Assert.Equal(FixReject.None, dictionary.Validate(message));
        AssertFields(sample, message);
        Assert.Equal(FixText.Show(bytes), FixText.Show(Reencoder.Reencode(message)));
    }

    [SharedTheory(SharedDictionaries.Fix42Path, SharedDictionaries.Fix44Path)]
    [MemberData(nameof(Keys))]
    public void Is_valid_against_QuickFIX_full_dictionaries(string key)
    {
        var sample = Samples.Get(key);
        var bytes = sample.Encode(new FixMessageWriter());
        var dictionary = SharedDictionaries.For(sample.BeginString);
        var message = Parse(bytes, dictionary);

        Assert.Equal(FixReject.None, dictionary.Validate(message));
        AssertFields(sample, message);
        Assert.Equal(FixText.Show(bytes), FixText.Show(Reencoder.Reencode(message)));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Round_trips_without_a_dictionary(string key)
    {
        var sample = Samples.Get(key);
        var bytes = sample.Encode(new FixMessageWriter());
        var message = Parse(bytes, null);
        AssertFields(sample, message);
        Assert.Equal(FixText.Show(bytes), FixText.Show(Reencoder.Reencode(message)));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Frames_from_a_stream_of_every_message_in_small_chunks(string key)
    {
        var bytes = Samples.Get(key).Encode(new FixMessageWriter());
        var stream = new List<byte>();
        for (var i = 0; i < 3; i++)
            stream.AddRange(bytes);
        var framed = StreamFramer.FrameAll([.. stream], chunk: 7);
        Assert.Equal(3, framed.Messages.Count);
        Assert.All(framed.Messages, m => Assert.Equal(FixText.Show(bytes), FixText.Show(m)));
        Assert.Empty(framed.Errors);
    }

    internal static FixMessage Parse(byte[] bytes, FixDictionary? dictionary)
    {
        var message = new FixMessage();
        Assert.True(new FixParser(dictionary).TryParse(bytes, message, out var error), $"{error}: {FixText.Show(bytes)}");
        return message;
    }

    private static void AssertFields(FixSample sample, FixMessage message)
    {
        var expected = new List<(int, string)> { (8, sample.BeginString), (35, sample.MsgType) };
        expected.AddRange(FixSample.Header.OrderBy(h => h.Tag));
        expected.AddRange(sample.Body);
        var actual = message.AllFields
            .Where(f => f.Tag is not (9 or 10))
            .Select(f => (f.Tag, System.Text.Encoding.Latin1.GetString(message.GetValue(f))))
            .ToList();
        Assert.Equal(expected, actual);
    }
}
