using System.Globalization;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// Durations as run configs write them: a decimal number and a unit (<c>ns</c>, <c>us</c>,
/// <c>µs</c>, <c>ms</c>, <c>s</c>), e.g. <c>50us</c> or <c>1.5ms</c>; exact (decimal), and refused
/// unless a whole number of nanoseconds.
/// </summary>
public static class DurationText
{
    public static bool TryParse(ReadOnlySpan<char> text, out long nanos, out string? error)
    {
        nanos = 0;
        text = text.Trim();
        int unitStart = text.Length;
        while (unitStart > 0 && char.IsLetter(text[unitStart - 1])) // 'µ' is a letter too
            unitStart--;
        var number = text[..unitStart];
        var unit = text[unitStart..];
        long scale = unit switch
        {
            "ns" => 1,
            "us" or "µs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            _ => 0,
        };
        if (scale == 0)
        {
            error = number.IsEmpty && unit.IsEmpty
                ? "expected a duration such as 50us"
                : $"'{text}' needs a unit: ns, us, ms or s (e.g. 50us)";
            return false;
        }
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            error = $"'{text}' is not a duration such as 50us";
            return false;
        }
        decimal exact = value * scale;
        if (exact != decimal.Truncate(exact))
        {
            error = $"'{text}' is not a whole number of nanoseconds";
            return false;
        }
        if (exact > long.MaxValue)
        {
            error = $"'{text}' is too long";
            return false;
        }
        nanos = (long)exact;
        error = null;
        return true;
    }

    /// <summary>The largest unit that states <paramref name="nanos"/> exactly (<c>1500us</c>, <c>2ms</c>).</summary>
    public static string Format(long nanos) => nanos switch
    {
        0 => "0ns",
        _ when nanos % 1_000_000_000 == 0 => $"{nanos / 1_000_000_000}s",
        _ when nanos % 1_000_000 == 0 => $"{nanos / 1_000_000}ms",
        _ when nanos % 1_000 == 0 => $"{nanos / 1_000}us",
        _ => $"{nanos}ns",
    };
}
