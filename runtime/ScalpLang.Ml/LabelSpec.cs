using System.Globalization;

namespace ScalpLang.Ml;

/// <summary>
/// The label language of `scalp train --label` (README, "Training a model"):
/// <c>mid_up(H)</c> is true for an event when the mid price at the first event at or after
/// t + H (with a two-sided book) is strictly above the mid at t; <c>mid_down(H)</c> when it is
/// strictly below. H is a whole duration with a unit: <c>ns us ms s min</c> (<c>500ms</c>,
/// <c>2s</c>). Events without a two-sided book, or whose horizon runs past the end of the
/// data, get no label and are left out.
/// </summary>
public sealed record LabelSpec(bool Up, long HorizonNs)
{
    public string Text => $"{(Up ? "mid_up" : "mid_down")}({FormatDuration(HorizonNs)})";

    public static bool TryParse(string text, out LabelSpec label, out string? error)
    {
        label = new LabelSpec(true, 0);
        error = null;
        var t = text.Replace(" ", "", StringComparison.Ordinal);
        bool up;
        string inner;
        if (t.StartsWith("mid_up(", StringComparison.Ordinal) && t.EndsWith(')'))
            (up, inner) = (true, t["mid_up(".Length..^1]);
        else if (t.StartsWith("mid_down(", StringComparison.Ordinal) && t.EndsWith(')'))
            (up, inner) = (false, t["mid_down(".Length..^1]);
        else
        {
            error = $"'{text}' is not a label; use mid_up(DURATION) or mid_down(DURATION), e.g. mid_up(500ms)";
            return false;
        }
        if (!TryParseDuration(inner, out var ns) || ns <= 0)
        {
            error = $"'{inner}' is not a positive whole duration (e.g. 500ms, 2s, 100us)";
            return false;
        }
        label = new LabelSpec(up, ns);
        return true;
    }

    private static readonly (string Unit, long Ns)[] Units = [("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("min", 60_000_000_000), ("s", 1_000_000_000)];

    private static bool TryParseDuration(string text, out long ns)
    {
        ns = 0;
        foreach (var (unit, factor) in Units)
        {
            if (!text.EndsWith(unit, StringComparison.Ordinal))
                continue;
            var digits = text[..^unit.Length];
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
                return false;
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                return false;
            try
            {
                ns = checked(count * factor);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        return false;
    }

    private static string FormatDuration(long ns)
    {
        foreach (var (unit, factor) in Units.OrderByDescending(u => u.Ns))
        {
            if (ns % factor == 0)
                return string.Create(CultureInfo.InvariantCulture, $"{ns / factor}{unit}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{ns}ns");
    }
}
