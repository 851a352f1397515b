namespace ScalpLang.Runtime.News;

/// <summary>
/// One row of a headline file: its time (Unix ns, UTC), its text, and the symbol it is about
/// (null or empty: every instrument). <see cref="Line"/> is the 1-based line it came from.
/// </summary>
public sealed record Headline(long TsNs, string Text, string? Symbol, long Line)
{
    /// <summary>True when the headline concerns <paramref name="symbol"/> (a headline without a symbol concerns all).</summary>
    public bool Concerns(string? symbol) =>
        string.IsNullOrEmpty(Symbol) || symbol is null || string.Equals(Symbol, symbol, StringComparison.OrdinalIgnoreCase);
}
