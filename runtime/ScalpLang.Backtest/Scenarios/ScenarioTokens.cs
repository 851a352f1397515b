using System.Globalization;
using Sprache;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// The lexical pieces of a .scn line as Sprache parsers. A token eats the blanks after it, never
/// a newline: the file is parsed line by line so that one bad line is one error and the next
/// line still parses.
/// </summary>
internal static class ScenarioTokens
{
    public const string EndOfLineName = "end of line";

    /// <summary>Epoch-relative times are at most a year: far beyond any hand-written scenario, far from overflow.</summary>
    public const long MaxTimeNs = 366L * 24 * 3600 * 1_000_000_000;

    public static readonly Parser<SourcePosition> Here = i => Result.Success(new SourcePosition(i.Line, i.Column), i);

    public static readonly Parser<IEnumerable<char>> Blanks = Parse.Chars(' ', '\t', '\r').Many();

    /// <summary>Blanks, an optional <c>// comment</c>, then the newline (consumed) or the end of the file.</summary>
    public static readonly Parser<bool> EndOfLine = input =>
    {
        var i = Blanks(input).Remainder;
        if (!i.AtEnd && i.Current == '/' && !i.Advance().AtEnd && i.Advance().Current == '/')
        {
            while (!i.AtEnd && i.Current != '\n')
                i = i.Advance();
        }
        if (i.AtEnd)
            return Result.Success(true, i);
        return i.Current == '\n'
            ? Result.Success(true, i.Advance())
            : Result.Failure<bool>(i, "unexpected text", [EndOfLineName]);
    };

    public static Parser<T> Token<T>(Parser<T> parser) => from value in parser from _ in Blanks select value;

    public static readonly Parser<string> Word =
        Parse.Identifier(Parse.Letter.Or(Parse.Char('_')), Parse.LetterOrDigit.Or(Parse.Char('_')));

    public static Parser<string> Keyword(string keyword) => Token(Word.Where(w => w == keyword).Named($"'{keyword}'"));

    /// <summary>One of several keywords; their expectations merge into one "expected 'a', 'b' or 'c'".</summary>
    public static Parser<string> OneOf(params string[] keywords) => keywords.Select(Keyword).Aggregate((a, b) => a.Or(b));

    public static readonly Parser<string> Name = Token(Word.Named("a name"));

    public static Parser<char> Symbol(char symbol) => Token(Parse.Char(symbol).Named($"'{symbol}'"));

    /// <summary>DIGITS or DIGITS.DIGITS, read as an exact decimal (no sign, no exponent).</summary>
    private static readonly Parser<decimal> UnsignedDecimal = input =>
    {
        var digits = Parse.Digit.AtLeastOnce().Text().Named("a number");
        var whole = digits(input);
        if (!whole.WasSuccessful)
            return Result.Failure<decimal>(whole.Remainder, whole.Message, whole.Expectations);
        var text = whole.Value;
        var rest = whole.Remainder;
        if (!rest.AtEnd && rest.Current == '.')
        {
            var fraction = Parse.Digit.AtLeastOnce().Text().Named("a digit")(rest.Advance());
            if (!fraction.WasSuccessful)
                return Result.Failure<decimal>(fraction.Remainder, fraction.Message, fraction.Expectations);
            text += "." + fraction.Value;
            rest = fraction.Remainder;
        }
        return text.Length <= 28 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? Result.Success(value, rest)
            : Result.Failure<decimal>(input, $"{text} is too large", []);
    };

    public static readonly Parser<Written> Number =
        Token(from at in Here from value in UnsignedDecimal select new Written(value, at));

    /// <summary>A whole count (slices), at most a million.</summary>
    public static readonly Parser<long> Count = input =>
    {
        var number = Number(input);
        if (!number.WasSuccessful)
            return Result.Failure<long>(number.Remainder, number.Message, number.Expectations);
        var value = number.Value.Value;
        return value == decimal.Truncate(value) && value is >= 1 and <= 1_000_000
            ? Result.Success((long)value, number.Remainder)
            : Result.Failure<long>(input, $"{value} is not a whole number from 1 to 1000000", []);
    };

    private static readonly string[] Units = ["ns", "us", "ms", "s", "min"];
    private static readonly long[] UnitNs = [1, 1_000, 1_000_000, 1_000_000_000, 60_000_000_000];

    private static readonly Parser<string> Unit =
        Parse.Letter.AtLeastOnce().Text().Where(u => Units.Contains(u)).Named("a time unit (ns, us, ms, s or min) right after the number");

    /// <summary>A duration glued to its unit (<c>0ms</c>, <c>1.5s</c>, <c>250us</c>): whole nanoseconds.</summary>
    public static readonly Parser<long> Duration = input =>
    {
        var start = Blanks(input).Remainder;
        var number = UnsignedDecimal(start);
        if (!number.WasSuccessful)
            return Result.Failure<long>(number.Remainder, number.Message, ["a time such as 0ms, 250us or 1.5s"]);
        var unit = Unit(number.Remainder);
        if (!unit.WasSuccessful)
            return Result.Failure<long>(unit.Remainder, unit.Message, unit.Expectations);
        var factor = UnitNs[Array.IndexOf(Units, unit.Value)];
        if (number.Value > MaxTimeNs / factor)
            return Result.Failure<long>(start, $"{number.Value}{unit.Value} is too far from the start (a scenario spans at most 366 days)", []);
        var ns = number.Value * factor;
        if (ns != decimal.Truncate(ns))
            return Result.Failure<long>(start, $"{number.Value}{unit.Value} is not a whole number of nanoseconds", []);
        return Result.Success((long)ns, Blanks(unit.Remainder).Remainder);
    };

    /// <summary>A parameter value as the command line's --param takes it: one run of non-blank characters.</summary>
    public static readonly Parser<string> Value =
        Token(Parse.Char(c => !char.IsWhiteSpace(c) && c != '/', "a value").AtLeastOnce().Text().Named("a value"));
}
