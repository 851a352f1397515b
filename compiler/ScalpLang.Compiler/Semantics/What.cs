namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// Names the place a value appears in ("argument 'window' of atr()") for a diagnostic, without
/// building the string unless a diagnostic is reported: binding a large file checks hundreds of
/// thousands of places and reports on almost none.
/// </summary>
internal readonly struct What(string format, string? first = null, string? second = null)
{
    public static implicit operator What(string text) => new(text);

    public override string ToString() =>
        first is null ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, first, second);
}
