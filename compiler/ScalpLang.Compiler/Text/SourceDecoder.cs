using System.Text;
using ScalpLang.Compiler.Diagnostics;

namespace ScalpLang.Compiler.Text;

/// <summary>
/// Turns the bytes of a file into a <see cref="SourceText"/>, refusing what is not ScalpLang
/// source (binary, invalid UTF-8, absurdly large) with a diagnostic instead of garbage errors.
/// </summary>
public static class SourceDecoder
{
    /// <summary>4 MiB: far above any real strategy, low enough to answer instantly.</summary>
    public const int MaxSourceBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="fileLength">
    /// The file's real size when <paramref name="bytes"/> is only its first MaxSourceBytes + 1
    /// (callers need not read a huge file whole to refuse it).
    /// </param>
    public static SourceText? Decode(ReadOnlySpan<byte> bytes, string path, DiagnosticBag diagnostics, string? fullPath = null, long? fileLength = null)
    {
        var empty = SourceText.From("", path, fullPath);
        var at = new SourceLocation(empty, new TextSpan(0, 0));
        if (bytes.Length > MaxSourceBytes)
        {
            diagnostics.Report(DiagnosticDescriptors.FileTooLarge, at, fileLength ?? bytes.Length, MaxSourceBytes);
            return null;
        }
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Report(DiagnosticDescriptors.BinaryFile, at, nul);
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        try
        {
            return SourceText.From(StrictUtf8.GetString(bytes), path, fullPath);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? e.Index : 0;
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[offset];
            diagnostics.Report(DiagnosticDescriptors.InvalidUtf8, at, bad, offset);
            return null;
        }
    }
}
