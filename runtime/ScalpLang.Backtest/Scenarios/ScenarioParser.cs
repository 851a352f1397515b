using System.Collections.Immutable;
using Sprache;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>
/// Parses a .scn file (docs/scenarios.md) line by line: a bad line is one error naming its
/// line, column and what was expected there, and parsing goes on with the next line.
/// </summary>
public static class ScenarioParser
{
    /// <summary>More errors than this in one file are not reported: the file is probably not a scenario.</summary>
    public const int MaxErrors = 20;

    public static (ScenarioFile? File, ImmutableArray<ScenarioError> Errors) Parse(string text, string path)
    {
        var errors = ImmutableArray.CreateBuilder<ScenarioError>();
        var headers = ImmutableArray.CreateBuilder<ScenarioHeader>();
        var market = ImmutableArray.CreateBuilder<MarketLine>();
        var expectations = ImmutableArray.CreateBuilder<Expectation>();
        IInput input = new Input(text.StartsWith('\uFEFF') ? text[1..] : text);
        while (!input.AtEnd && errors.Count < MaxErrors)
        {
            var start = ScenarioTokens.Blanks(input).Remainder;
            var blank = ScenarioTokens.EndOfLine(start);
            if (blank.WasSuccessful)
            {
                input = blank.Remainder;
                continue;
            }
            var line = ScenarioGrammar.Statement.Then(s => ScenarioTokens.EndOfLine.Return(s))(start);
            if (!line.WasSuccessful)
            {
                errors.Add(new ScenarioError(path, new SourcePosition(line.Remainder.Line, line.Remainder.Column), Describe(line)));
                input = NextLine(line.Remainder);
                continue;
            }
            input = line.Remainder;
            switch (line.Value)
            {
                case ScenarioHeader header:
                    headers.Add(header);
                    break;
                case MarketLine m when market.Count > 0 && m.TimeNs < market[^1].TimeNs:
                    errors.Add(new ScenarioError(path, m.At,
                        $"market lines must be in time order: {ScenarioTime.Format(m.TimeNs)} comes after {ScenarioTime.Format(market[^1].TimeNs)} (line {market[^1].At.Line})"));
                    break;
                case MarketLine m:
                    market.Add(m);
                    break;
                case Expectation { Action: null, Decision: not null } e:
                    errors.Add(new ScenarioError(path, e.At, "'expect at T nothing' takes no 'by DECISION'"));
                    break;
                case Expectation e:
                    expectations.Add(e);
                    break;
            }
        }
        if (errors.Count > 0)
            return (null, errors.ToImmutable());
        return (new ScenarioFile(path, headers.ToImmutable(), market.ToImmutable(), expectations.ToImmutable()), []);
    }

    /// <summary>"expected 'buy', 'sell' or 'flatten', found 'byu'", or the parser's own message when it has no expectations.</summary>
    private static string Describe<T>(IResult<T> failure)
    {
        var expected = failure.Expectations.Distinct().ToList();
        if (expected.Count == 0)
            return failure.Message;
        var list = expected.Count == 1 ? expected[0] : string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1];
        return $"expected {list}, found {Found(failure.Remainder)}";
    }

    private static string Found(IInput at)
    {
        if (at.AtEnd || at.Current is '\n' or '\r')
            return ScenarioTokens.EndOfLineName;
        if (char.IsWhiteSpace(at.Current))
            return "a space";
        var text = new System.Text.StringBuilder();
        for (var i = at; !i.AtEnd && !char.IsWhiteSpace(i.Current) && text.Length < 24; i = i.Advance())
            text.Append(i.Current);
        return $"'{text}'";
    }

    private static IInput NextLine(IInput at)
    {
        while (!at.AtEnd && at.Current != '\n')
            at = at.Advance();
        return at.AtEnd ? at : at.Advance();
    }
}
