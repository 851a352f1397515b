using System.Globalization;
using System.Text;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests;

public class FixValueTests
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("-5", -5)]
    [InlineData("007", 7)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Parses_ints(string text, int expected)
    {
        Assert.True(FixValue.TryParseInt(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("2147483648")]
    [InlineData("0x10")]
    public void Rejects_malformed_ints(string text) => Assert.False(FixValue.TryParseInt(B(text), out _));

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("000000000000000000000042", 42L)]
    public void Parses_longs(string text, long expected)
    {
        Assert.True(FixValue.TryParseLong(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999")]
    public void Rejects_overflowing_longs(string text) => Assert.False(FixValue.TryParseLong(B(text), out _));

    [Theory]
    [InlineData("187.25", "187.25")]
    [InlineData("-0.5", "-0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("002000.00", "2000.00")]
    [InlineData("100.50", "100.50")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    [InlineData("12345678901234567890.123456789", "12345678901234567890.123456789")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void Parses_decimals_keeping_their_scale(string text, string expected)
    {
        Assert.True(FixValue.TryParseDecimal(B(text), out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("+200.00")]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    [InlineData("99999999999999999999999999999999999")]
    public void Rejects_malformed_decimals(string text) => Assert.False(FixValue.TryParseDecimal(B(text), out _));

    [Fact]
    public void Decimals_agree_with_the_BCL_on_random_values()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(0, 100), random.Next(2) == 0, (byte)random.Next(0, 20));
            var text = value.ToString(CultureInfo.InvariantCulture);
            Assert.True(FixValue.TryParseDecimal(B(text), out var parsed), text);
            Assert.Equal(value, parsed);
            var buffer = new byte[40];
            Assert.Equal(text, Encoding.ASCII.GetString(buffer, 0, FixValue.FormatDecimal(value, buffer)));
        }
    }

    [Fact]
    public void Formats_64_bit_decimals_and_longs_like_the_BCL()
    {
        var random = new Random(5);
        var buffer = new byte[40];
        for (var i = 0; i < 20000; i++)
        {
            var value = new decimal(random.Next(), random.Next(0, 1 << random.Next(1, 31)), 0, random.Next(2) == 0, (byte)random.Next(0, 29));
            var n = FixValue.FormatDecimal(value, buffer);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, n));
            var l = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63);
            n = FixValue.FormatLong(l, buffer);
            Assert.Equal(l.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, n));
        }
        foreach (var l in new[] { 0L, 9, 10, 99, 100, -1, -10, long.MaxValue, long.MinValue })
            Assert.Equal(l.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, FixValue.FormatLong(l, buffer)));
        Assert.Equal(0, FixValue.FormatDecimal(123.45m, new byte[5]));
        Assert.Equal(6, FixValue.FormatDecimal(123.45m, new byte[6]));
        Assert.Equal(0, FixValue.FormatLong(-12, new byte[2]));
    }

    [Theory]
    [InlineData("20261125-14:30:00", "2026-11-25T14:30:00.0000000Z")]
    [InlineData("20261125-14:30:00.123", "2026-11-25T14:30:00.1230000Z")]
    [InlineData("20261125-14:30:00.123456", "2026-11-25T14:30:00.1234560Z")]
    [InlineData("20261125-14:30:00.123456789", "2026-11-25T14:30:00.1234567Z")]
    [InlineData("20261125-14:30:00.5", "2026-11-25T14:30:00.5000000Z")]
    [InlineData("20240229-23:59:59", "2024-02-29T23:59:59.0000000Z")]
    [InlineData("20161231-23:59:60", "2017-01-01T00:00:00.0000000Z")]
    [InlineData("00010101-00:00:00", "0001-01-01T00:00:00.0000000Z")]
    [InlineData("99991231-23:59:59.999", "9999-12-31T23:59:59.9990000Z")]
    public void Parses_UTC_timestamps(string text, string expected)
    {
        Assert.True(FixValue.TryParseUtcTimestamp(B(text), out var value));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(expected, value.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("20261125")]
    [InlineData("20261125 14:30:00")]
    [InlineData("20261325-14:30:00")]
    [InlineData("20261131-14:30:00")]
    [InlineData("20230229-14:30:00")]
    [InlineData("20261125-24:00:00")]
    [InlineData("20261125-14:60:00")]
    [InlineData("20261125-14:30:61")]
    [InlineData("20261125-14:30:00.")]
    [InlineData("20261125-14:30:00.1234567890")]
    [InlineData("20261125-14:30:00,123")]
    [InlineData("2026112a-14:30:00")]
    [InlineData("00000000-00:00:00")]
    public void Rejects_malformed_timestamps(string text) => Assert.False(FixValue.TryParseUtcTimestamp(B(text), out _));

    [Fact]
    public void Unix_nanoseconds_round_trip()
    {
        var random = new Random(7);
        var buffer = new byte[32];
        for (var i = 0; i < 5000; i++)
        {
            var nanos = random.NextInt64(-2_000_000_000_000_000_000, 7_000_000_000_000_000_000);
            var n = FixValue.FormatUtcTimestampUnixNanos(nanos, buffer, FixTimestampPrecision.Nanoseconds);
            Assert.Equal(27, n);
            Assert.True(FixValue.TryParseUtcTimestampUnixNanos(buffer.AsSpan(0, n), out var parsed));
            Assert.Equal(nanos, parsed);
            var dt = DateTime.UnixEpoch.AddTicks(nanos / 100);
            n = FixValue.FormatUtcTimestamp(dt, buffer, FixTimestampPrecision.Microseconds);
            Assert.Equal(dt.ToString("yyyyMMdd-HH:mm:ss.ffffff", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, n));
        }
    }

    [Fact]
    public void Timestamp_format_needs_room()
    {
        Assert.Equal(0, FixValue.FormatUtcTimestamp(DateTime.UnixEpoch, new byte[20], FixTimestampPrecision.Milliseconds));
        Assert.Equal(21, FixValue.FormatUtcTimestamp(DateTime.UnixEpoch, new byte[21], FixTimestampPrecision.Milliseconds));
    }

    [Theory]
    [InlineData("14:30:00", "14:30:00.0000000")]
    [InlineData("14:30:00.120", "14:30:00.1200000")]
    [InlineData("23:59:60", "23:59:59.9999999")]
    public void Parses_time_only(string text, string expected)
    {
        Assert.True(FixValue.TryParseUtcTimeOnly(B(text), out var value));
        Assert.Equal(expected, value.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("20261125", true)]
    [InlineData("20260229", false)]
    [InlineData("2026112", false)]
    [InlineData("202611250", false)]
    public void Parses_date_only(string text, bool valid) => Assert.Equal(valid, FixValue.TryParseUtcDateOnly(B(text), out _));

    [Theory]
    [InlineData("Y", true, true)]
    [InlineData("N", true, false)]
    [InlineData("y", false, false)]
    [InlineData("YES", false, false)]
    [InlineData("", false, false)]
    public void Parses_booleans(string text, bool valid, bool expected)
    {
        Assert.Equal(valid, FixValue.TryParseBoolean(B(text), out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Parses_chars()
    {
        Assert.True(FixValue.TryParseChar("1"u8, out var c));
        Assert.Equal('1', c);
        Assert.False(FixValue.TryParseChar("12"u8, out _));
        Assert.False(FixValue.TryParseChar(""u8, out _));
    }

    [Fact]
    public void Checksum_matches_a_plain_sum_for_every_length()
    {
        var random = new Random(3);
        for (var length = 0; length < 600; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            Assert.Equal(bytes.Sum(b => b) % 256, FixChecksum.Compute(bytes));
        }
        var big = Enumerable.Repeat((byte)0xFF, 100_000).ToArray();
        Assert.Equal(100_000 * 255 % 256, FixChecksum.Compute(big));
    }
}
