using System.Collections.Immutable;

namespace ScalpLang.Compiler.Text;

/// <summary>
/// The text of one source file with its path as the user named it, and a line map so that
/// diagnostics can print line:column and the offending line.
/// </summary>
public sealed class SourceText
{
    private readonly ImmutableArray<int> _lineStarts;

    private SourceText(string path, string? fullPath, string text)
    {
        Path = path;
        FullPath = fullPath;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The path as shown to the user (as given on the command line, or relative).</summary>
    public string Path { get; }

    /// <summary>Where the file is on disk, for resolving imports; null for text that is not a file.</summary>
    public string? FullPath { get; }
    public string Text { get; }
    public int LineCount => _lineStarts.Length;

    public static SourceText From(string text, string path = "<input>", string? fullPath = null) => new(path, fullPath, text);

    /// <summary>Zero-based line index holding <paramref name="position"/>.</summary>
    public int GetLineIndex(int position)
    {
        var index = _lineStarts.BinarySearch(Math.Clamp(position, 0, Text.Length));
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>One-based line and column (columns count UTF-16 units, tabs as one).</summary>
    public (int Line, int Column) GetLineColumn(int position)
    {
        var line = GetLineIndex(position);
        return (line + 1, Math.Clamp(position, 0, Text.Length) - _lineStarts[line] + 1);
    }

    public TextSpan GetLineSpan(int lineIndex)
    {
        var start = _lineStarts[lineIndex];
        var end = lineIndex + 1 < _lineStarts.Length ? _lineStarts[lineIndex + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
            end--;
        return TextSpan.FromBounds(start, end);
    }

    public string ToString(TextSpan span) => Text.Substring(span.Start, Math.Min(span.Length, Text.Length - span.Start));

    private static ImmutableArray<int> ComputeLineStarts(string text)
    {
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                starts.Add(i + 1);
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
                starts.Add(i + 1);
        }
        return starts.ToImmutable();
    }
}
