using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScalpLang.Fix.Acceptance;

/// <summary>
/// The message text of an <c>I</c> or <c>E</c> line made ready, as QuickFIX's runner does:
/// <c>&lt;TIME&gt;</c> and <c>&lt;TIME±N&gt;</c> (N seconds, the Ruby runner's meaning) become UTC
/// times, the text becomes ISO-8859-1 bytes, and a message starting with 8= gets BodyLength
/// inserted and CheckSum appended where they are absent. Also the field-by-field comparison of
/// an expected message with a received one (FORMAT.md, "How an E line is matched").
/// </summary>
public static partial class AcceptanceMessage
{
    public static byte[] Decorate(string text, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = TimePlaceholder().Replace(text, m =>
        {
            var offset = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return utcNow.AddSeconds(offset).ToString("yyyyMMdd-HH:mm:ss", CultureInfo.InvariantCulture);
        });
        if (!text.StartsWith("8=", StringComparison.Ordinal))
            return Encoding.Latin1.GetBytes(text);
        var firstSoh = text.IndexOf('\u0001', StringComparison.Ordinal);
        if (firstSoh < 0)
            return Encoding.Latin1.GetBytes(text);
        var hasLength = text.AsSpan(firstSoh + 1).StartsWith("9=", StringComparison.Ordinal);
        var hasChecksum = TrailingChecksum().IsMatch(text);
        if (!hasLength)
        {
            var bodyEnd = hasChecksum ? text.LastIndexOf("\u000110=", StringComparison.Ordinal) + 1 : text.Length;
            var bodyLength = Encoding.Latin1.GetByteCount(text.AsSpan(firstSoh + 1, bodyEnd - firstSoh - 1));
            text = text[..(firstSoh + 1)] + "9=" + bodyLength.ToString(CultureInfo.InvariantCulture) + "\u0001" + text[(firstSoh + 1)..];
        }
        var bytes = Encoding.Latin1.GetBytes(text);
        if (hasChecksum)
            return bytes;
        var sum = 0;
        foreach (var b in bytes)
            sum += b;
        return [.. bytes, .. Encoding.ASCII.GetBytes((sum % 256).ToString("'10='000", CultureInfo.InvariantCulture)), 1];
    }

    /// <summary>Null when <paramref name="received"/> matches <paramref name="expected"/>, else what differs.</summary>
    public static string? Compare(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received)
    {
        var e = Fields(expected);
        var r = Fields(received);
        for (var i = 0; i < Math.Max(e.Count, r.Count); i++)
        {
            if (i >= e.Count)
                return $"unexpected field {r[i].Tag}={r[i].Value} at position {i + 1}";
            if (i >= r.Count)
                return $"field {e[i].Tag}={e[i].Value} missing at position {i + 1}";
            if (e[i].Tag != r[i].Tag)
                return $"field {i + 1}: expected tag {e[i].Tag}, received tag {r[i].Tag}";
            if (!ValueMatches(e[i].Tag, e[i].Value, r[i].Value))
                return $"tag {e[i].Tag}: expected '{e[i].Value}', received '{r[i].Value}'";
        }
        return null;
    }

    private static bool ValueMatches(string tag, string expected, string received) => tag switch
    {
        "10" => ChecksumPattern().IsMatch(received),
        "52" => SendingTimePattern().IsMatch(received),
        "42" or "60" or "122" => TimestampPattern().IsMatch(received),
        _ => expected == received,
    };

    private static List<(string Tag, string Value)> Fields(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var list = new List<(string, string)>();
        foreach (var part in text.Split('\u0001', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            list.Add(eq < 0 ? (part, "") : (part[..eq], part[(eq + 1)..]));
        }
        return list;
    }

    [GeneratedRegex(@"<TIME([+-]\d+)?>")]
    private static partial Regex TimePlaceholder();

    [GeneratedRegex("\u000110=\\d+\u0001$")]
    private static partial Regex TrailingChecksum();

    [GeneratedRegex(@"^\d{3}$")]
    private static partial Regex ChecksumPattern();

    [GeneratedRegex(@"^\d{8}-\d{2}:\d{2}:\d{2}(\.\d{3})?$")]
    private static partial Regex SendingTimePattern();

    [GeneratedRegex(@"\d{8}-\d{2}:\d{2}:\d{2}")]
    private static partial Regex TimestampPattern();
}
