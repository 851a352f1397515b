namespace ScalpLang.Compiler.Text;

/// <summary>A half-open range of UTF-16 positions in a <see cref="SourceText"/>.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    public static TextSpan Cover(TextSpan first, TextSpan last) => FromBounds(first.Start, Math.Max(first.End, last.End));

    public override string ToString() => $"[{Start}..{End})";
}
