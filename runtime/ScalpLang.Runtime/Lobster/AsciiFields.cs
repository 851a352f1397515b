using System.Text;

namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// Field parsing straight from the file's bytes. Hand-written rather than via strings or
/// double.Parse: nothing is allocated per row, and prices stay integers end to end.
/// </summary>
internal static class AsciiFields
{
    /// <summary>Splits off the field before the next comma (or the rest of the line).</summary>
    public static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> rest)
    {
        int comma = rest.IndexOf((byte)',');
        ReadOnlySpan<byte> field;
        if (comma < 0)
        {
            field = rest;
            rest = default;
        }
        else
        {
            field = rest[..comma];
            rest = rest[(comma + 1)..];
        }
        return field;
    }

    /// <summary>An optionally negative decimal integer of at most 18 digits (so it cannot overflow).</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 18)
            return false;
        long result = 0;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
                return false;
            result = result * 10 + digit;
        }
        value = negative ? -result : result;
        return true;
    }

    /// <summary>
    /// LOBSTER time, seconds after midnight with up to 9 decimals ("34200.18960767"), as exact
    /// nanoseconds: the digits are scaled as integers, never through a double.
    /// </summary>
    public static TimeParse TryParseSecondsAsNanos(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        if (whole.IsEmpty || whole.Length > 9 || (dot >= 0 && fraction.IsEmpty))
            return TimeParse.Malformed;
        if (fraction.Length > 9)
            return AllDigits(fraction) && AllDigits(whole) ? TimeParse.TooPrecise : TimeParse.Malformed;
        long seconds = 0, fractionValue = 0;
        foreach (byte b in whole)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
                return TimeParse.Malformed;
            seconds = seconds * 10 + digit;
        }
        foreach (byte b in fraction)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
                return TimeParse.Malformed;
            fractionValue = fractionValue * 10 + digit;
        }
        for (int i = fraction.Length; i < 9; i++)
            fractionValue *= 10;
        nanos = seconds * 1_000_000_000 + fractionValue;
        return TimeParse.Ok;
    }

    /// <summary>Nanoseconds after midnight in LOBSTER's form, for messages: "34200.1896".</summary>
    public static string FormatSeconds(long nanos)
    {
        long seconds = nanos / 1_000_000_000, fraction = nanos % 1_000_000_000;
        return fraction == 0 ? $"{seconds}" : $"{seconds}.{fraction:D9}".TrimEnd('0');
    }

    /// <summary>A field as text for a message (cold path), shortened if long.</summary>
    public static string Show(ReadOnlySpan<byte> field)
    {
        const int Max = 40;
        string text = Encoding.UTF8.GetString(field.Length > Max ? field[..Max] : field);
        return field.Length > Max ? text + "..." : text;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}

internal enum TimeParse : byte
{
    Ok,
    Malformed,
    TooPrecise,
}
