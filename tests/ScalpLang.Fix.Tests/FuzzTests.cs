using System.Text;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests;

/// <summary>
/// Thousands of mutants of valid messages (bytes flipped, inserted, deleted, fields swapped,
/// duplicated or emptied, counts and lengths changed), half of them with BodyLength and CheckSum
/// recomputed so they reach the field parser and the validator. Nothing may throw, the framer
/// must always make progress, and whatever validates must survive a write-and-parse round trip.
/// </summary>
public class FuzzTests
{
    // SCALP_FUZZ_MUTANTS raises the count for a longer local run.
    private static readonly int MutantsPerSample =
        int.TryParse(Environment.GetEnvironmentVariable("SCALP_FUZZ_MUTANTS"), out var n) && n > 0 ? n : 250;
    private static readonly byte[] Specials = [1, (byte)'=', (byte)'0', (byte)'1', (byte)'9', (byte)'8', (byte)'-', (byte)'.', (byte)' ', 0xFF, 0];

    public static TheoryData<string> Keys => Samples.Keys;

    [Theory]
    [MemberData(nameof(Keys))]
    public void Mutated_messages_never_crash_or_stall(string key)
    {
        var sample = Samples.Get(key);
        var original = sample.Encode(new FixMessageWriter());
        var dictionary = FixDictionary.ForBeginString(sample.BeginString)!;
        var random = new Random(StableHash(key));
        var stats = new int[3];
        for (var i = 0; i < MutantsPerSample; i++)
        {
            var mutant = Mutate(original, random);
            if (random.Next(2) == 0)
                mutant = Repair(mutant);
            stats[Exercise(mutant, original, dictionary, random)]++;
        }
        // The mutants must reach every stage, or the test proves little.
        Assert.True(stats[0] > 0 && stats[1] > 0 && stats[2] > 0, $"garbled/rejected/valid = {string.Join("/", stats)}");
    }

    // 0: garbled, 1: rejected by validation, 2: valid
    private static int Exercise(byte[] mutant, byte[] original, FixDictionary dictionary, Random random)
    {
        // A mutant may legitimately wait for more bytes (a too-long BodyLength); what matters is
        // that the loop terminates and every frame lies inside the buffer (asserted inside).
        var framed = StreamFramer.FrameAll([.. mutant, .. original], random.Next(1, 64));
        Assert.True(framed.Messages.Count + framed.Errors.Count > 0 || framed.Leftover > 0);

        var message = new FixMessage();
        Assert.False(new FixParser(null).TryParse(mutant, message, out _) && message.FieldCount < 4);
        if (!new FixParser(dictionary).TryParse(mutant, message, out var error))
        {
            Assert.NotEqual(FixErrorCode.None, error.Code);
            Assert.False(string.IsNullOrEmpty(error.Message));
            return 0;
        }
        Assert.True(ReadEverything(message) > 0);
        var reject = dictionary.Validate(message);
        if (reject.IsRejected)
        {
            Assert.False(string.IsNullOrEmpty(reject.Text));
            return 1;
        }
        var again = new FixMessage();
        Assert.True(new FixParser(dictionary).TryParse(Reencoder.Reencode(message), again, out var error2), error2.Message);
        Assert.Equal(FixReject.None, dictionary.Validate(again));
        return 2;
    }

    // Reads every field every way; returns how many reads succeeded (the count itself is not checked).
    private static int ReadEverything(FixMessage message)
    {
        var n = 0;
        foreach (var field in message.AllFields)
        {
            var value = message.GetValue(field);
            n += FixValue.TryParseLong(value, out _) ? 1 : 0;
            n += FixValue.TryParseDecimal(value, out _) ? 1 : 0;
            n += FixValue.TryParseUtcTimestamp(value, out _) ? 1 : 0;
            n += FixValue.TryParseUtcTimestampUnixNanos(value, out _) ? 1 : 0;
            n += FixValue.TryParseUtcTimeOnly(value, out _) ? 1 : 0;
            n += FixValue.TryParseUtcDateOnly(value, out _) ? 1 : 0;
            n += message.TryGetValue(field.Tag, out _) ? 1 : 0;
            foreach (var entry in message.GetGroup(field.Tag))
                n += ReadEntry(entry, message);
        }
        n += message.ToString().Length + message.Clone().ToString().Length;
        return n;
    }

    private static int ReadEntry(FixGroupEntry entry, FixMessage message)
    {
        var n = 0;
        var range = entry.FieldRange;
        for (var i = range.Start.Value; i < range.End.Value; i++)
        {
            var field = message[i];
            n += entry.TryGetDecimal(field.Tag, out _) ? 1 : 0;
            foreach (var nested in entry.GetGroup(field.Tag))
                n += ReadEntry(nested, message);
        }
        return n;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var count = random.Next(1, 4);
        for (var m = 0; m < count && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(12))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = Specials[random.Next(Specials.Length)];
                    break;
                case 2:
                    bytes.Insert(at, Specials[random.Next(Specials.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 6), bytes.Count - at));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 30), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes = MutateFields(bytes, random);
                    break;
            }
        }
        return [.. bytes];
    }

    private static List<byte> MutateFields(List<byte> bytes, Random random)
    {
        var fields = Encoding.Latin1.GetString([.. bytes]).Split('\u0001').ToList();
        if (fields.Count < 3)
            return bytes;
        var i = random.Next(fields.Count);
        var j = random.Next(fields.Count);
        switch (random.Next(6))
        {
            case 0:
                (fields[i], fields[j]) = (fields[j], fields[i]);
                break;
            case 1:
                fields.RemoveAt(i);
                break;
            case 2:
                fields.Insert(j, fields[i]);
                break;
            case 3:
                var eq = fields[i].IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                    fields[i] = fields[i][..(eq + 1)];
                break;
            case 4:
                var eq2 = fields[i].IndexOf('=', StringComparison.Ordinal);
                if (eq2 >= 0)
                    fields[i] = fields[i][..(eq2 + 1)] + random.Next(-2, 12).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                fields.Insert(j, random.Next(4) switch { 0 => "448=X", 1 => "269=0", 2 => "96=zz", _ => "99999=1" });
                break;
        }
        return [.. Encoding.Latin1.GetBytes(string.Join('\u0001', fields))];
    }

    // Recomputes BodyLength and CheckSum around whatever is between them, when the shape allows.
    private static byte[] Repair(byte[] mutant)
    {
        var text = Encoding.Latin1.GetString(mutant);
        var first = text.IndexOf('\u0001', StringComparison.Ordinal);
        if (!text.StartsWith("8=", StringComparison.Ordinal) || first < 0)
            return mutant;
        var rest = text[(first + 1)..];
        if (rest.StartsWith("9=", StringComparison.Ordinal) && rest.IndexOf('\u0001', StringComparison.Ordinal) is var s and >= 0)
            rest = rest[(s + 1)..];
        var trailer = rest.LastIndexOf("\u000110=", StringComparison.Ordinal);
        if (trailer >= 0)
            rest = rest[..(trailer + 1)];
        if (!rest.EndsWith('\u0001'))
            rest += '\u0001';
        return FixText.Decorate((text[..(first + 1)] + rest).Replace('\u0001', '|'));
    }

    [Fact]
    public void Random_bytes_and_a_stream_of_mutants_never_crash_or_stall()
    {
        var random = new Random(11);
        var stream = new List<byte>();
        for (var i = 0; i < 2000; i++)
        {
            var sample = Samples.All[random.Next(Samples.All.Count)];
            var bytes = sample.Encode(new FixMessageWriter());
            stream.AddRange(random.Next(3) switch
            {
                0 => bytes,
                1 => Mutate(bytes, random),
                _ => Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256)),
            });
        }
        var result = StreamFramer.FrameAll([.. stream], 1500, maxMessageSize: 4096);
        Assert.True(result.Messages.Count > 500);
        var message = new FixMessage();
        foreach (var framed in result.Messages)
        {
            var dictionary = FixDictionary.ForBeginString(Encoding.Latin1.GetString(framed).Split('\u0001')[0][2..]) ?? FixDictionary.Fix44;
            if (new FixParser(dictionary).TryParse(framed, message, out _))
                _ = dictionary.Validate(message);
        }
    }

    private static int StableHash(string s) => s.Aggregate(17, (h, c) => unchecked(h * 31 + c));
}
