using Antlr4.Runtime;
using ScalpLang.Compiler.Syntax.Generated;

namespace ScalpLang.Compiler.Tests;

/// <summary>Coverage by enumeration: every token kind of the grammar is lexed from a sample.</summary>
public sealed class LexerTests
{
    // Token kinds without a fixed spelling, with a sample each.
    private static readonly Dictionary<int, string> Samples = new()
    {
        [ScalpLangLexer.DURATION] = "500ms",
        [ScalpLangLexer.PERCENT] = "0.5%",
        [ScalpLangLexer.BPS] = "3bps",
        [ScalpLangLexer.NUMBER] = "1_000.25",
        [ScalpLangLexer.STRING] = "\"AAPL \\\" x\"",
        [ScalpLangLexer.UNTERMINATED_STRING] = "\"AAPL",
        [ScalpLangLexer.IDENTIFIER] = "max_spread2",
        [ScalpLangLexer.LINE_COMMENT] = "// note",
        [ScalpLangLexer.BLOCK_COMMENT] = "/* a * b */",
        [ScalpLangLexer.UNTERMINATED_COMMENT] = "/* open * ",
        [ScalpLangLexer.WS] = " \t\n",
        [ScalpLangLexer.BAD_CHAR] = "@",
        [ScalpLangLexer.TICKS] = "tick",
        [ScalpLangLexer.LOTS] = "lot",
    };

    // BAD_CHAR is the lexer's last rule, so 1..BAD_CHAR is every token kind.
    private static readonly HashSet<int> Skipped = [ScalpLangLexer.WS, ScalpLangLexer.LINE_COMMENT, ScalpLangLexer.BLOCK_COMMENT];

    public static TheoryData<int> TokenTypes()
    {
        var data = new TheoryData<int>();
        for (var type = 1; type <= ScalpLangLexer.BAD_CHAR; type++)
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(TokenTypes))]
    public void Every_token_kind_lexes(int type)
    {
        var literal = ScalpLangLexer.DefaultVocabulary.GetLiteralName(type);
        var sample = Samples.TryGetValue(type, out var s) ? s : literal?.Trim('\'');
        Assert.False(sample is null, $"no sample for token {ScalpLangLexer.DefaultVocabulary.GetSymbolicName(type)}");
        var tokens = Lex(sample!);
        if (Skipped.Contains(type))
        {
            Assert.Empty(tokens); // matched and dropped by the lexer itself
            return;
        }
        Assert.Single(tokens);
        Assert.Equal(type, tokens[0].Type);
    }

    [Theory]
    [InlineData("5s", "DURATION")]
    [InlineData("5 slices", "NUMBER SLICES")]
    [InlineData("1..10", "NUMBER RANGE NUMBER")]
    [InlineData("0.5..0.9", "NUMBER RANGE NUMBER")]
    [InlineData("2min", "DURATION")]
    [InlineData("5lots", "NUMBER LOTS")]
    [InlineData("ticksize", "IDENTIFIER")]
    [InlineData("/* a */ b /* c */", "IDENTIFIER")]
    public void Longest_match_keeps_tokens_apart(string text, string expected)
    {
        var names = Lex(text).Select(t => ScalpLangLexer.DefaultVocabulary.GetSymbolicName(t.Type));
        Assert.Equal(expected, string.Join(' ', names));
    }

    private static IList<IToken> Lex(string text)
    {
        var lexer = new ScalpLangLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        return lexer.GetAllTokens();
    }
}
