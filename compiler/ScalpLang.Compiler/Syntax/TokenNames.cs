using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using ScalpLang.Compiler.Syntax.Generated;

namespace ScalpLang.Compiler.Syntax;

/// <summary>Describes tokens and sets of expected tokens in words a trader can act on.</summary>
internal static class TokenNames
{
    private static readonly int[] DeclarationStarts =
    [
        ScalpLangLexer.IMPORT, ScalpLangLexer.STRATEGY, ScalpLangLexer.INSTRUMENT, ScalpLangLexer.BOOK,
        ScalpLangLexer.PARAM, ScalpLangLexer.SIGNAL, ScalpLangLexer.MODEL, ScalpLangLexer.SENTIMENT, ScalpLangLexer.EXECUTION,
        ScalpLangLexer.FILTER, ScalpLangLexer.RULE, ScalpLangLexer.EXIT, ScalpLangLexer.RISK, ScalpLangLexer.INTRINSIC,
    ];

    private static readonly int[] ExpressionStarts =
    [
        ScalpLangLexer.NUMBER, ScalpLangLexer.DURATION, ScalpLangLexer.PERCENT, ScalpLangLexer.BPS,
        ScalpLangLexer.TRUE, ScalpLangLexer.FALSE, ScalpLangLexer.IDENTIFIER, ScalpLangLexer.LPAREN,
        ScalpLangLexer.MINUS, ScalpLangLexer.NOT,
    ];

    public static bool IsDeclarationStart(int tokenType) => Array.IndexOf(DeclarationStarts, tokenType) >= 0;

    public static string Describe(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        ScalpLangLexer.IDENTIFIER => $"name '{token.Text}'",
        ScalpLangLexer.NUMBER or ScalpLangLexer.DURATION or ScalpLangLexer.PERCENT or ScalpLangLexer.BPS => $"number '{token.Text}'",
        ScalpLangLexer.STRING => $"string {Clip(token.Text)}",
        _ => $"'{Clip(token.Text)}'",
    };

    public static string Describe(IntervalSet expected)
    {
        var types = expected.ToArray();
        if (DeclarationStarts.All(types.Contains))
            return "a declaration";
        var words = new List<string>();
        // Any place an operand may start (after '<', after 'not', ...) reads as "an expression".
        if (types.Contains(ScalpLangLexer.IDENTIFIER) && types.Contains(ScalpLangLexer.NUMBER) && types.Contains(ScalpLangLexer.LPAREN))
        {
            words.Add("an expression");
            types = [.. types.Where(t => Array.IndexOf(ExpressionStarts, t) < 0 && !IsSoftKeyword(t))];
        }
        else if (types.Contains(ScalpLangLexer.IDENTIFIER))
        {
            words.Add("a name");
            types = [.. types.Where(t => t != ScalpLangLexer.IDENTIFIER && !IsSoftKeyword(t))];
        }
        words.AddRange(types.Select(Describe).Distinct().Order(StringComparer.Ordinal));
        if (words.Count > 6)
            words = [.. words.Take(6), "..."];
        return words.Count switch
        {
            0 => "nothing more",
            1 => words[0],
            _ => string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1],
        };
    }

    private static string Describe(int tokenType) => tokenType switch
    {
        TokenConstants.EOF => "end of file",
        ScalpLangLexer.NUMBER => "a number",
        ScalpLangLexer.DURATION => "a duration",
        ScalpLangLexer.PERCENT => "a percentage",
        ScalpLangLexer.BPS => "basis points",
        ScalpLangLexer.STRING => "a string",
        ScalpLangLexer.IDENTIFIER => "a name",
        ScalpLangLexer.TICKS => "'ticks'",
        ScalpLangLexer.LOTS => "'lots'",
        _ => ScalpLangLexer.DefaultVocabulary.GetLiteralName(tokenType) is { } literal
            ? literal
            : ScalpLangLexer.DefaultVocabulary.GetSymbolicName(tokenType) ?? "?",
    };

    // Keywords that also serve as names: listing them beside "a name" is noise.
    private static bool IsSoftKeyword(int t) =>
        t is ScalpLangLexer.DEPTH or ScalpLangLexer.TWAP or ScalpLangLexer.VWAP or ScalpLangLexer.CURRENCY
            or ScalpLangLexer.FEATURES or ScalpLangLexer.OVER or ScalpLangLexer.SLICES or ScalpLangLexer.PER
            or ScalpLangLexer.PRIORITY or ScalpLangLexer.ICEBERG or ScalpLangLexer.SHOW or ScalpLangLexer.HISTORY;

    private static string Clip(string text) => text.Length > 24 ? text[..24] + "…" : text;
}
