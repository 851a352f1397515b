namespace ScalpLang.Compiler.Text;

/// <summary>A span inside a particular source file (imports make spans ambiguous without it).</summary>
public readonly record struct SourceLocation(SourceText Source, TextSpan Span)
{
    public (int Line, int Column) Start => Source.GetLineColumn(Span.Start);

    public override string ToString()
    {
        var (line, column) = Start;
        return $"{Source.Path}:{line}:{column}";
    }
}
