using System.Text;
using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>FIX text in tests is written with '|' for SOH.</summary>
public static class FixText
{
    public static byte[] Bytes(string pipeText) => Encoding.Latin1.GetBytes(pipeText.Replace('|', '\u0001'));

    public static string Show(ReadOnlySpan<byte> bytes) => FixMessage.FormatForDisplay(bytes);

    /// <summary>
    /// Completes a message the way QuickFIX's acceptance runner does: inserts BodyLength after
    /// BeginString when absent and appends CheckSum when absent; otherwise leaves it as written.
    /// </summary>
    public static byte[] Decorate(string pipeText)
    {
        var text = pipeText.Replace('|', '\u0001');
        if (!text.StartsWith("8=", StringComparison.Ordinal))
            return Encoding.Latin1.GetBytes(text);
        var firstSoh = text.IndexOf('\u0001', StringComparison.Ordinal);
        var hasLength = text[(firstSoh + 1)..].StartsWith("9=", StringComparison.Ordinal);
        var hasChecksum = System.Text.RegularExpressions.Regex.IsMatch(text, "\u000110=\\d+\u0001$");
        if (!hasLength)
        {
            var bodyEnd = hasChecksum ? text.LastIndexOf("\u000110=", StringComparison.Ordinal) + 1 : text.Length;
            var bodyLength = Encoding.Latin1.GetByteCount(text[(firstSoh + 1)..bodyEnd]);
            text = text[..(firstSoh + 1)] + "9=" + bodyLength + "\u0001" + text[(firstSoh + 1)..];
        }
        if (!hasChecksum)
        {
            var sum = Encoding.Latin1.GetBytes(text).Sum(b => b) % 256;
            text += $"10={sum:000}\u0001";
        }
        return Encoding.Latin1.GetBytes(text);
    }
}

/// <summary>A clock that always says the same time, for byte-exact output.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
