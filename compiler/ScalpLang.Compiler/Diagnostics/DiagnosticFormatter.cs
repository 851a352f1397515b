using System.Text;

namespace ScalpLang.Compiler.Diagnostics;

/// <summary>
/// Prints a diagnostic the way compilers users know do:
/// <c>path:line:col: error SL2003: message</c>, the source line, a caret under the span, help.
/// </summary>
public static class DiagnosticFormatter
{
    public static string Format(Diagnostic diagnostic)
    {
        var sb = new StringBuilder();
        Append(sb, diagnostic);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, Diagnostic diagnostic)
    {
        var source = diagnostic.Location.Source;
        var span = diagnostic.Location.Span;
        var (line, column) = source.GetLineColumn(span.Start);
        var severity = diagnostic.IsError ? "error" : "warning";
        sb.Append(source.Path).Append(':').Append(line).Append(':').Append(column).Append(": ")
          .Append(severity).Append(' ').Append(diagnostic.Code).Append(": ").Append(diagnostic.Message).Append('\n');

        if (source.Text.Length > 0)
        {
            var lineIndex = source.GetLineIndex(span.Start);
            var lineSpan = source.GetLineSpan(lineIndex);
            var text = Printable(source.ToString(lineSpan));
            var caretStart = Math.Min(span.Start - lineSpan.Start, text.Length);
            var caretLength = Math.Max(1, Math.Min(span.End, lineSpan.End) - span.Start);
            sb.Append("  ").Append(text).Append('\n');
            sb.Append("  ").Append(' ', caretStart).Append('^', caretLength).Append('\n');
        }
        if (diagnostic.Help is { } help)
            sb.Append("  help: ").Append(help).Append('\n');
    }

    // Control characters would garble the terminal; show them as '?' (one column each, so carets line up).
    private static string Printable(string line)
    {
        const int maxWidth = 200;
        var chars = line.Length > maxWidth ? line[..maxWidth].ToCharArray() : line.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\t')
                chars[i] = ' ';
            else if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]))
                chars[i] = '?';
        }
        return new string(chars);
    }
}
