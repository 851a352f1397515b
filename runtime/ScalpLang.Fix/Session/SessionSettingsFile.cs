using System.Globalization;

namespace ScalpLang.Fix.Session;

/// <summary>
/// Reads QuickFIX-style settings: a <c>[DEFAULT]</c> section whose keys every later
/// <c>[SESSION]</c> section inherits (and may override), <c>Key=Value</c> lines, <c>#</c> or
/// <c>;</c> comments. Every problem is reported as <c>file:line: message</c>.
/// </summary>
public static class SessionSettingsFile
{
    public static IReadOnlyList<SessionSettings> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new SessionSettingsException($"{path}: cannot read the settings file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<SessionSettings> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var defaults = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var sessions = new List<(Dictionary<string, (string Value, int Line)> Keys, int Line)>();
        Dictionary<string, (string Value, int Line)>? current = null;
        var lineNumber = 0;
        var lastLine = 1;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            lastLine = lineNumber;
            if (line[0] == '[')
            {
                if (line[^1] != ']')
                    throw Error(sourceName, lineNumber, $"section header '{line}' is not closed with ']'");
                var name = line[1..^1].Trim();
                if (name.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase))
                    current = defaults;
                else if (name.Equals("SESSION", StringComparison.OrdinalIgnoreCase))
                {
                    current = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
                    sessions.Add((current, lineNumber));
                }
                else
                    throw Error(sourceName, lineNumber, $"unknown section [{name}] (expected [DEFAULT] or [SESSION])");
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw Error(sourceName, lineNumber, $"expected Key=Value, found '{line}'");
            if (current is null)
                throw Error(sourceName, lineNumber, $"'{line}' comes before any [DEFAULT] or [SESSION] section");
            var key = line[..eq].Trim();
            if (current.TryGetValue(key, out var first))
                throw Error(sourceName, lineNumber, $"{key} is set twice in this section (first on line {first.Line})");
            current[key] = (line[(eq + 1)..].Trim(), lineNumber);
        }
        if (sessions.Count == 0)
            throw Error(sourceName, lastLine, "no [SESSION] section");
        var result = new List<SessionSettings>();
        var ids = new Dictionary<SessionId, int>();
        foreach (var (keys, line) in sessions)
        {
            var merged = new Dictionary<string, (string Value, int Line)>(defaults, StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in keys)
                merged[k] = v;
            var settings = SessionSettings.From(merged, sourceName, line);
            if (ids.TryGetValue(settings.Id, out var other))
                throw Error(sourceName, line, $"session {settings.Id} is defined twice (also at line {other})");
            ids[settings.Id] = line;
            result.Add(settings);
        }
        return result;
    }

    internal static SessionSettingsException Error(string source, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}:{line}: {message}"));
}
