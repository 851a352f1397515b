namespace ScalpLang.Compiler.Numerics;

/// <summary>
/// A parameter value written as text (<c>--param</c>, scenario files, scripts) read as the language
/// reads a literal of the parameter's type: quantised once, exactly as the compiler would.
/// </summary>
public static class ValueText
{
    /// <param name="type">The parameter's type name: bool, duration, ratio, count, price, ticks, lots.</param>
    public static bool TryParse(string type, string text, out long raw, out string? error)
    {
        raw = 0;
        error = null;
        if (type == "bool")
        {
            var ok = text is "true" or "false";
            raw = text == "true" ? 1 : 0;
            error = ok ? null : "a bool is true or false";
            return ok;
        }
        var (digits, multiplier, divisor) = Suffix(text);
        if (digits.Length == 0 || !digits.All(c => char.IsAsciiDigit(c) || c == '.') || digits.Count(c => c == '.') > 1 || digits[0] == '.' || digits[^1] == '.')
        {
            error = $"'{text}' is not a number";
            return false;
        }
        var value = DecimalLiteral.Parse(digits);
        if (type == "duration")
        {
            if (multiplier == 0)
            {
                error = "a duration needs its unit: 500ms, 2s, 1min";
                return false;
            }
            if (!value.Scale(multiplier, 1).TryToWholeNumber(out raw, out var whole) || !whole)
            {
                error = $"'{text}' is not a whole number of nanoseconds";
                return false;
            }
            return true;
        }
        if (multiplier != 0)
        {
            error = $"a {type} takes no time unit";
            return false;
        }
        if (!value.Scale(1, divisor).TryToFixed(out var quantised))
        {
            error = $"'{text}' does not fit Q47.16";
            return false;
        }
        raw = quantised.Raw;
        return true;
    }

    private static (string Digits, long NsMultiplier, long Divisor) Suffix(string text)
    {
        string[] units = ["ns", "us", "ms", "min", "s", "h"];
        long[] factors = [1, 1_000, 1_000_000, 60_000_000_000, 1_000_000_000, 3_600_000_000_000];
        if (text.EndsWith('%'))
            return (text[..^1], 0, 100);
        if (text.EndsWith("bps", StringComparison.Ordinal))
            return (text[..^3], 0, 10_000);
        for (var i = 0; i < units.Length; i++)
        {
            if (text.EndsWith(units[i], StringComparison.Ordinal) && text.Length > units[i].Length && char.IsAsciiDigit(text[^(units[i].Length + 1)]))
                return (text[..^units[i].Length], factors[i], 1);
        }
        return (text, 0, 1);
    }
}
