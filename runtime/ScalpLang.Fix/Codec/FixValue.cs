using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ScalpLang.Fix.Codec;

/// <summary>How many fractional second digits a UTCTimestamp or UTCTimeOnly is written with.</summary>
public enum FixTimestampPrecision
{
    Seconds = 0,
    Milliseconds = 3,
    Microseconds = 6,
    Nanoseconds = 9,
}

/// <summary>
/// Typed reading and writing of FIX field values as ASCII bytes, without allocating. The accepted
/// syntax is the one QuickFIX validates: INT is an optional '-' then digits; a decimal (PRICE,
/// QTY, AMT, FLOAT...) is an optional '-', digits and an optional '.' with more digits (no '+',
/// no exponent, no spaces); CHAR is exactly one byte; BOOLEAN is Y or N; UTCTimestamp is
/// YYYYMMDD-HH:MM:SS with an optional '.' and 1 to 9 fractional digits.
/// </summary>
public static class FixValue
{
    /// <summary>The field separator (SOH).</summary>
    public const byte Soh = 0x01;

    private const long NanosPerSecond = 1_000_000_000L;
    private const long NanosPerDay = 86_400L * NanosPerSecond;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    // ---- reading ----------------------------------------------------------------------------

    public static bool TryParseInt(ReadOnlySpan<byte> value, out int result)
    {
        if (TryParseLong(value, out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            result = (int)l;
            return true;
        }
        result = 0;
        return false;
    }

    public static bool TryParseLong(ReadOnlySpan<byte> value, out long result)
    {
        result = 0;
        var i = 0;
        var negative = false;
        if (value.Length > 0 && value[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        if (i >= value.Length)
            return false;
        ulong acc = 0;
        for (; i < value.Length; i++)
        {
            var d = (uint)(value[i] - '0');
            if (d > 9)
                return false;
            // Overflow check: long.MaxValue is 9223372036854775807; allow one more for the minimum.
            if (acc > 922_337_203_685_477_580UL || (acc == 922_337_203_685_477_580UL && d > (negative ? 8u : 7u)))
                return false;
            acc = acc * 10 + d;
        }
        result = negative ? (long)(0UL - acc) : (long)acc;
        return true;
    }

    /// <summary>A non-negative integer of digits only (BodyLength, CheckSum, data lengths); leading zeros allowed.</summary>
    internal static bool TryParseUnsigned(ReadOnlySpan<byte> value, out int result)
    {
        result = 0;
        if (value.IsEmpty)
            return false;
        long acc = 0;
        foreach (var b in value)
        {
            var d = (uint)(b - '0');
            if (d > 9)
                return false;
            acc = acc * 10 + d;
            if (acc > int.MaxValue)
                return false;
        }
        result = (int)acc;
        return true;
    }

    public static bool TryParseDecimal(ReadOnlySpan<byte> value, out decimal result)
    {
        result = 0m;
        var i = 0;
        var negative = false;
        if (value.Length > 0 && value[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        ulong mantissa = 0;
        var significant = 0;
        var scale = 0;
        var digits = 0;
        var seenPoint = false;
        var overflow = false;
        for (; i < value.Length; i++)
        {
            var b = value[i];
            if (b == (byte)'.')
            {
                if (seenPoint)
                    return false;
                seenPoint = true;
                continue;
            }
            var d = (uint)(b - '0');
            if (d > 9)
                return false;
            digits++;
            if (seenPoint)
                scale++;
            if (mantissa == 0 && d == 0)
                continue; // leading zeros are not significant
            if (++significant > 19)
                overflow = true;
            else
                mantissa = mantissa * 10 + d;
        }
        if (digits == 0)
            return false;
        if (overflow || scale > 28)
            return SlowParseDecimal(value, out result);
        result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    // More than 19 significant digits: the syntax is already checked, let the BCL do the arithmetic.
    private static bool SlowParseDecimal(ReadOnlySpan<byte> value, out decimal result) =>
        Utf8Parser.TryParse(value, out result, out var consumed) && consumed == value.Length;

    public static bool TryParseChar(ReadOnlySpan<byte> value, out char result)
    {
        if (value.Length == 1)
        {
            result = (char)value[0];
            return true;
        }
        result = '\0';
        return false;
    }

    public static bool TryParseBoolean(ReadOnlySpan<byte> value, out bool result)
    {
        result = false;
        if (value.Length != 1)
            return false;
        switch (value[0])
        {
            case (byte)'Y':
                result = true;
                return true;
            case (byte)'N':
                return true;
            default:
                return false;
        }
    }

    /// <summary>YYYYMMDD-HH:MM:SS[.f{1,9}] as a UTC <see cref="DateTime"/> (sub-100 ns digits are truncated).</summary>
    public static bool TryParseUtcTimestamp(ReadOnlySpan<byte> value, out DateTime result)
    {
        if (TryParseTimestampParts(value, out var days, out var nanosOfDay) && days is >= MinDays and <= MaxDays)
        {
            result = new DateTime(UnixEpochTicks + days * TimeSpan.TicksPerDay + nanosOfDay / 100, DateTimeKind.Utc);
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>YYYYMMDD-HH:MM:SS[.f{1,9}] as nanoseconds since the Unix epoch (the runtime's time unit).</summary>
    public static bool TryParseUtcTimestampUnixNanos(ReadOnlySpan<byte> value, out long unixNanos)
    {
        unixNanos = 0;
        if (!TryParseTimestampParts(value, out var days, out var nanosOfDay))
            return false;
        // long nanoseconds cover 1677-09-21 .. 2262-04-11.
        if (days is < -106_751 or > 106_750)
            return false;
        unixNanos = days * NanosPerDay + nanosOfDay;
        return true;
    }

    /// <summary>HH:MM:SS[.f{1,9}] as a time of day.</summary>
    public static bool TryParseUtcTimeOnly(ReadOnlySpan<byte> value, out TimeOnly result)
    {
        result = default;
        if (!TryParseTime(value, out var nanos))
            return false;
        if (nanos >= NanosPerDay)
            nanos = NanosPerDay - 100; // a leap second (:60) is held as the last tick of the day
        result = new TimeOnly(nanos / 100);
        return true;
    }

    /// <summary>YYYYMMDD as a date.</summary>
    public static bool TryParseUtcDateOnly(ReadOnlySpan<byte> value, out DateOnly result)
    {
        result = default;
        if (value.Length != 8 || !TryParseDate(value, out var y, out var m, out var d))
            return false;
        result = new DateOnly(y, m, d);
        return true;
    }

    private const long MinDays = -719_162; // 0001-01-01
    private const long MaxDays = 2_932_896; // 9999-12-31

    private static bool TryParseTimestampParts(ReadOnlySpan<byte> value, out long days, out long nanosOfDay)
    {
        days = 0;
        nanosOfDay = 0;
        if (value.Length < 17 || value[8] != (byte)'-')
            return false;
        if (!TryParseDate(value[..8], out var y, out var m, out var d))
            return false;
        if (!TryParseTime(value[9..], out nanosOfDay))
            return false;
        days = DaysFromCivil(y, m, d);
        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<byte> v, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (!Digits4(v, 0, out year) || !Digits2(v, 4, out month) || !Digits2(v, 6, out day))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1)
            return false;
        return day <= DateTime.DaysInMonth(year, month);
    }

    // HH:MM:SS[.f{1,9}] -> nanoseconds since midnight; seconds may be 60 (a leap second).
    private static bool TryParseTime(ReadOnlySpan<byte> v, out long nanos)
    {
        nanos = 0;
        if (v.Length < 8 || v[2] != (byte)':' || v[5] != (byte)':')
            return false;
        if (!Digits2(v, 0, out var h) || !Digits2(v, 3, out var mi) || !Digits2(v, 6, out var s))
            return false;
        if (h > 23 || mi > 59 || s > 60)
            return false;
        long fraction = 0;
        if (v.Length > 8)
        {
            var fractionDigits = v.Length - 9;
            if (v[8] != (byte)'.' || fractionDigits is < 1 or > 9)
                return false;
            for (var i = 9; i < v.Length; i++)
            {
                var d = (uint)(v[i] - '0');
                if (d > 9)
                    return false;
                fraction = fraction * 10 + d;
            }
            for (var i = fractionDigits; i < 9; i++)
                fraction *= 10;
        }
        nanos = ((h * 60L + mi) * 60L + s) * NanosPerSecond + fraction;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits2(ReadOnlySpan<byte> v, int at, out int value)
    {
        var a = (uint)(v[at] - '0');
        var b = (uint)(v[at + 1] - '0');
        value = (int)(a * 10 + b);
        return a <= 9 && b <= 9;
    }

    private static bool Digits4(ReadOnlySpan<byte> v, int at, out int value)
    {
        value = 0;
        if (!Digits2(v, at, out var hi) || !Digits2(v, at + 2, out var lo))
            return false;
        value = hi * 100 + lo;
        return true;
    }

    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }

    private static void CivilFromDays(long z, out int year, out int month, out int day)
    {
        z += 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var doe = z - era * 146_097;
        var yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        day = (int)(doy - (153 * mp + 2) / 5 + 1);
        month = (int)(mp < 10 ? mp + 3 : mp - 9);
        year = (int)(yoe + era * 400 + (month <= 2 ? 1 : 0));
    }

    // ---- writing ----------------------------------------------------------------------------

    /// <summary>The number of bytes <see cref="FormatUtcTimestamp(DateTime, Span{byte}, FixTimestampPrecision)"/> writes.</summary>
    public static int UtcTimestampLength(FixTimestampPrecision precision) =>
        precision == FixTimestampPrecision.Seconds ? 17 : 18 + (int)precision;

    /// <summary>Writes YYYYMMDD-HH:MM:SS[.fff|.ffffff|.fffffffff]; returns the bytes written, 0 if it does not fit.</summary>
    public static int FormatUtcTimestamp(DateTime utc, Span<byte> destination, FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        var ticks = utc.Ticks - UnixEpochTicks;
        var days = Math.DivRem(ticks, TimeSpan.TicksPerDay, out var tickOfDay);
        if (tickOfDay < 0)
        {
            days--;
            tickOfDay += TimeSpan.TicksPerDay;
        }
        return FormatParts(days, tickOfDay * 100, destination, precision);
    }

    /// <summary>Writes a Unix-nanosecond time as a UTCTimestamp; returns the bytes written, 0 if it does not fit.</summary>
    public static int FormatUtcTimestampUnixNanos(long unixNanos, Span<byte> destination, FixTimestampPrecision precision = FixTimestampPrecision.Milliseconds)
    {
        var days = Math.DivRem(unixNanos, NanosPerDay, out var nanosOfDay);
        if (nanosOfDay < 0)
        {
            days--;
            nanosOfDay += NanosPerDay;
        }
        return FormatParts(days, nanosOfDay, destination, precision);
    }

    private static int FormatParts(long days, long nanosOfDay, Span<byte> destination, FixTimestampPrecision precision)
    {
        var length = UtcTimestampLength(precision);
        if (destination.Length < length)
            return 0;
        CivilFromDays(days, out var year, out var month, out var day);
        var seconds = nanosOfDay / NanosPerSecond;
        var fraction = nanosOfDay % NanosPerSecond;
        Write4(destination, 0, year);
        Write2(destination, 4, month);
        Write2(destination, 6, day);
        destination[8] = (byte)'-';
        Write2(destination, 9, (int)(seconds / 3600));
        destination[11] = (byte)':';
        Write2(destination, 12, (int)(seconds / 60 % 60));
        destination[14] = (byte)':';
        Write2(destination, 15, (int)(seconds % 60));
        if (precision != FixTimestampPrecision.Seconds)
        {
            destination[17] = (byte)'.';
            var digits = (int)precision;
            var scaled = fraction;
            for (var i = digits; i < 9; i++)
                scaled /= 10;
            for (var i = 17 + digits; i > 17; i--)
            {
                destination[i] = (byte)('0' + scaled % 10);
                scaled /= 10;
            }
        }
        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write2(Span<byte> d, int at, int v)
    {
        d[at] = (byte)('0' + v / 10);
        d[at + 1] = (byte)('0' + v % 10);
    }

    private static void Write4(Span<byte> d, int at, int v)
    {
        Write2(d, at, v / 100);
        Write2(d, at + 2, v % 100);
    }

    /// <summary>Writes an integer in decimal; returns the bytes written, 0 if it does not fit.</summary>
    public static int FormatLong(long value, Span<byte> destination)
    {
        if (value < 0)
        {
            if (value == long.MinValue || destination.Length < 2)
                return Utf8Formatter.TryFormat(value, destination, out var w) ? w : 0;
            destination[0] = (byte)'-';
            var n = FormatUnsigned((ulong)-value, destination[1..]);
            return n == 0 ? 0 : n + 1;
        }
        return FormatUnsigned((ulong)value, destination);
    }

    private static int FormatUnsigned(ulong value, Span<byte> destination)
    {
        var digits = CountDigits(value);
        if (destination.Length < digits)
            return 0;
        for (var i = digits - 1; i > 0; i--)
        {
            var q = value / 10;
            destination[i] = (byte)('0' + (value - q * 10));
            value = q;
        }
        destination[0] = (byte)('0' + value);
        return digits;
    }

    /// <summary>
    /// Writes a decimal in plain notation (no exponent, no group separators), keeping the scale it
    /// carries (100.50m is written 100.50); returns the bytes written, 0 if it does not fit.
    /// </summary>
    public static int FormatDecimal(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
            return value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : 0;
        var mantissa = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0 && mantissa != 0;
        var digits = Math.Max(CountDigits(mantissa), scale + 1);
        var length = (negative ? 1 : 0) + digits + (scale > 0 ? 1 : 0);
        if (destination.Length < length)
            return 0;
        var pos = length - 1;
        for (var i = 0; i < digits; i++)
        {
            if (i == scale && scale > 0)
                destination[pos--] = (byte)'.';
            var q = mantissa / 10;
            destination[pos--] = (byte)('0' + (mantissa - q * 10));
            mantissa = q;
        }
        if (negative)
            destination[0] = (byte)'-';
        return length;
    }

    /// <summary>The number of decimal digits of a non-negative integer.</summary>
    internal static int CountDigits(ulong value)
    {
        var n = 1;
        while (value >= 10_000)
        {
            value /= 10_000;
            n += 4;
        }
        return n + (value >= 1000 ? 3 : value >= 100 ? 2 : value >= 10 ? 1 : 0);
    }
}
