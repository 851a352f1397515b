using ScalpLang.Runtime.Abi;

namespace ScalpLang.Cli;

/// <summary>One swept parameter: <c>NAME=a..b:step</c>, its points (as written, and raw) a, a + step, ... up to b.</summary>
internal sealed record SweepAxis(string Name, string Type, IReadOnlyList<(string Text, long Raw)> Points)
{
    public const int MaxPoints = 10_000;

    public static SweepAxis? Parse(string text, StrategyMetadata metadata, out string? error)
    {
        error = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var range = equals < 0 ? -1 : text.IndexOf("..", equals, StringComparison.Ordinal);
        var colon = range < 0 ? -1 : text.IndexOf(':', range);
        if (equals <= 0 || range < 0 || colon < 0)
        {
            error = "expected NAME=FROM..TO:STEP, e.g. threshold=0.55..0.75:0.05";
            return null;
        }
        var name = text[..equals].Trim();
        var info = metadata.Parameters.FirstOrDefault(p => p.Name == name);
        if (info is null)
        {
            error = $"{metadata.Name} has no parameter '{name}' (it has: {string.Join(", ", metadata.Parameters.Select(p => p.Name))})";
            return null;
        }
        if (info.Type == "bool")
        {
            error = $"'{name}' is a bool: sweep it with two runs instead";
            return null;
        }
        string[] parts = [text[(equals + 1)..range].Trim(), text[(range + 2)..colon].Trim(), text[(colon + 1)..].Trim()];
        var points = info.Type == "duration" ? DurationPoints(info.Type, parts, out error) : DecimalPoints(info.Type, parts, out error);
        if (points is null)
            return null;
        foreach (var (pointText, raw) in points)
        {
            if (info.Lower is { } lo && raw < lo || info.Upper is { } hi && raw > hi)
            {
                error = $"{pointText} is outside the declared range of '{name}' ({Commands.ParamsCommand.Format(info.Type, info.Lower)}..{Commands.ParamsCommand.Format(info.Type, info.Upper)})";
                return null;
            }
        }
        return new SweepAxis(name, info.Type, points);
    }

    /// <summary>Durations are whole nanoseconds: FROM, FROM + STEP, ... up to TO, exactly.</summary>
    private static List<(string, long)>? DurationPoints(string type, string[] parts, out string? error)
    {
        var raw = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!StrategyCompiler.TryParseValue(type, parts[i], out raw[i], out error))
                return null;
        }
        if (!CheckShape(raw[0], raw[1], raw[2], out error))
            return null;
        var points = new List<(string, long)>();
        for (var value = raw[0]; value <= raw[1]; value += raw[2])
            points.Add((Commands.ParamsCommand.Format(type, value), value));
        return points;
    }

    /// <summary>
    /// Other values step in exact decimals (0.55, 0.60, ... reach 0.75 although 0.05 is not exact
    /// in Q47.16), each point then read like a literal; all three share a suffix (none, % or bps).
    /// </summary>
    private static List<(string, long)>? DecimalPoints(string type, string[] parts, out string? error)
    {
        error = null;
        var suffix = parts[0].EndsWith('%') ? "%" : parts[0].EndsWith("bps", StringComparison.Ordinal) ? "bps" : "";
        var values = new decimal[3];
        for (var i = 0; i < 3; i++)
        {
            var part = parts[i];
            if (!part.EndsWith(suffix, StringComparison.Ordinal) || suffix.Length == 0 && (part.EndsWith('%') || part.EndsWith("bps", StringComparison.Ordinal)))
            {
                error = "FROM, TO and STEP must use the same unit (none, % or bps)";
                return null;
            }
            if (!StrategyCompiler.TryParseValue(type, part, out _, out error))
                return null;
            values[i] = decimal.Parse(part[..^suffix.Length], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (values[2] <= 0 || values[1] < values[0])
        {
            error = "the step must be positive and FROM at most TO";
            return null;
        }
        if ((values[1] - values[0]) / values[2] + 1 > MaxPoints)
        {
            error = $"more than {MaxPoints} points";
            return null;
        }
        var points = new List<(string, long)>();
        for (var value = values[0]; value <= values[1]; value += values[2])
        {
            var pointText = value.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
            if (!StrategyCompiler.TryParseValue(type, pointText, out var raw, out error))
                return null;
            points.Add((pointText, raw));
        }
        return points;
    }

    private static bool CheckShape(long from, long to, long step, out string? error)
    {
        error = step <= 0 || to < from ? "the step must be positive and FROM at most TO"
            : (to - from) / step + 1 > MaxPoints ? $"more than {MaxPoints} points" : null;
        return error is null;
    }

    /// <summary>Every combination of the axes' points (indexes), the first axis varying slowest.</summary>
    public static List<int[]> Grid(IReadOnlyList<SweepAxis> axes)
    {
        var grid = new List<int[]> { Array.Empty<int>() };
        foreach (var axis in axes)
            grid = [.. grid.SelectMany(prefix => Enumerable.Range(0, axis.Points.Count).Select(p => (int[])[.. prefix, p]))];
        return grid;
    }
}
