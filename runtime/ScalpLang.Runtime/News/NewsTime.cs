using System.Globalization;

namespace ScalpLang.Runtime.News;

/// <summary>
/// A headline's time: whole Unix nanoseconds (<c>1700000000123456789</c>) or ISO-8601 UTC with up
/// to nine fractional digits (<c>2026-11-26T14:30:00.25Z</c>; <c>+00:00</c> is accepted for
/// <c>Z</c>). Another offset or a local time is refused: a headline's moment must be unambiguous.
/// </summary>
public static class NewsTime
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static bool TryParse(string text, out long ns, out string? error)
    {
        ns = 0;
        error = null;
        var t = text.Trim();
        if (t.Length == 0)
        {
            error = "the time is empty";
            return false;
        }
        if (t.All(char.IsAsciiDigit))
        {
            if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ns))
                return true;
            error = $"time '{t}' does not fit 64-bit nanoseconds";
            return false;
        }
        string body;
        if (t.EndsWith('Z') || t.EndsWith('z'))
            body = t[..^1];
        else if (t.EndsWith("+00:00", StringComparison.Ordinal))
            body = t[..^6];
        else
        {
            error = $"time '{t}' is neither Unix nanoseconds nor ISO-8601 UTC (end it with Z, e.g. 2026-11-26T14:30:00Z)";
            return false;
        }
        var fraction = 0L;
        var dot = body.IndexOf('.');
        if (dot >= 0)
        {
            var digits = body[(dot + 1)..];
            if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit))
            {
                error = $"time '{t}': the fraction of a second must be 1 to 9 digits";
                return false;
            }
            fraction = long.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
            body = body[..dot];
        }
        if (!DateTime.TryParseExact(body, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
        {
            error = $"time '{t}' is not a valid ISO-8601 date and time (yyyy-MM-ddTHH:mm:ss[.fffffffff]Z)";
            return false;
        }
        var ticks = (when - Epoch).Ticks;
        if (ticks < 0)
        {
            error = $"time '{t}' is before 1970";
            return false;
        }
        ns = ticks * 100 + fraction;
        return true;
    }
}
