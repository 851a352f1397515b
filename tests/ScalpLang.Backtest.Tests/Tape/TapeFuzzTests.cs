using System.Text.RegularExpressions;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest.Tests.Tape;

/// <summary>
/// Random corruption of a real tape (seeded): the header check, the replay and the engine
/// behind it never crash or hang. A replay either runs to the end or stops at the first bad
/// record with `source: record N (byte B): reason`, never before the first changed record.
/// </summary>
public sealed partial class TapeFuzzTests
{
    [GeneratedRegex(@"^f\.tape: record (\d+) \(byte (\d+)\): .+$")]
    private static partial Regex ErrorFormat();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public void Flipped_bytes_replay_or_report_the_record(int seed, int flips)
    {
        var tape = TapeSources.Record(new DataSpec(DataKind.Synthetic, "seed=9,events=4000"), 5, out _);
        long records = (tape.Length - TapeHeader.Length) / TapeRecord.Length;
        var json = ViewLog.WithDepth(3).Metadata.ToJson();
        var random = new Random(seed);
        int replayed = 0, refused = 0, badHeaders = 0;
        for (int trial = 0; trial < 250; trial++)
        {
            var bytes = (byte[])tape.Clone();
            int first = int.MaxValue;
            for (int f = 0; f < flips; f++)
            {
                // Mostly records; sometimes the header.
                int at = random.Next(10) == 0 ? random.Next(TapeHeader.Length) : random.Next(TapeHeader.Length, bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
                first = Math.Min(first, at);
            }
            var header = TapeHeader.Read(bytes.AsSpan(0, TapeHeader.Length), out var headerError);
            if (header is null)
            {
                Assert.NotNull(headerError);
                badHeaders++;
                continue;
            }
            if (header.RecordCount != records || header.Depth != 5)
            {
                badHeaders++; // TapeFile refuses a length mismatch; a different depth is a different (valid) book
                if (header.RecordCount != records)
                    continue;
            }
            var strategy = new ViewLog(json);
            strategy.Start();
            var book = new DepthBook(header.Depth);
            var feed = new TapeFeed(new BacktestEngine(strategy, book, 1_000_000_000));
            var error = TapeReplay.Run(bytes.AsSpan(TapeHeader.Length), header, book, ref feed, "f.tape");
            if (error is null)
            {
                replayed++;
                continue;
            }
            refused++;
            var match = ErrorFormat().Match(error);
            Assert.True(match.Success, error);
            long n = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            long b = long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(n, 1, records);
            Assert.Equal(TapeHeader.Length + (n - 1) * TapeRecord.Length, b);
            if (first >= TapeHeader.Length && header.Depth == 5)
                Assert.True(b + TapeRecord.Length > first, $"{error}, but the first changed byte is {first}");
        }
        Assert.True(refused > 50, $"{refused} refused, {replayed} replayed, {badHeaders} bad headers");
        Assert.True(replayed > 10, $"{refused} refused, {replayed} replayed, {badHeaders} bad headers");
    }
}
