using System.Globalization;

namespace ScalpLang.Backtest.Venue;

// The run-config syntax of a latency model. Cold path: runs once per run, so it favours clear
// messages over speed.
public sealed partial class LatencyModel
{
    public const string Syntax =
        "const:50us | uniform:20us..80us | normal:mean=50us,sd=10us[,min=..][,max=..] | lognormal:median=40us,sigma=0.5[,min=..][,max=..]";

    /// <summary>Parses a latency such as <c>const:50us</c> or <c>lognormal:median=40us,sigma=0.5</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static LatencyModel Parse(string text) =>
        TryParse(text, out var model, out var error) ? model : throw new FormatException(error);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LatencyModel? model, out string? error)
    {
        model = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"latency is empty; expected {Syntax}";
            return false;
        }
        string? reason = TryParseCore(text.Trim(), out model);
        if (reason is null && model is not null)
            return true;
        error = $"latency '{text}': {reason}";
        model = null;
        return false;
    }

    private static string? TryParseCore(string text, out LatencyModel? model)
    {
        model = null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? "const" : text[..colon].Trim().ToLowerInvariant();
        string body = colon < 0 ? text : text[(colon + 1)..].Trim();
        switch (kind)
        {
            case "const":
            case "constant":
            {
                if (!DurationText.TryParse(body, out long ns, out var error))
                    return error;
                model = Constant(ns);
                return null;
            }
            case "uniform":
            {
                int dots = body.IndexOf("..", StringComparison.Ordinal);
                if (dots < 0)
                    return "expected uniform:MIN..MAX, e.g. uniform:20us..80us";
                if (!DurationText.TryParse(body.AsSpan(0, dots), out long min, out var error)
                    || !DurationText.TryParse(body.AsSpan(dots + 2), out long max, out error))
                    return error;
                if (max < min)
                    return $"the lower bound {DurationText.Format(min)} exceeds the upper bound {DurationText.Format(max)}";
                model = Uniform(min, max);
                return null;
            }
            case "normal":
                return ParseNamed(body, "mean", "sd", out model);
            case "lognormal":
                return ParseNamed(body, "median", "sigma", out model);
            default:
                return $"unknown distribution '{kind}'; expected {Syntax}";
        }
    }

    /// <summary>The key=value form of normal and lognormal.</summary>
    private static string? ParseNamed(string body, string first, string second, out LatencyModel? model)
    {
        model = null;
        long a = -1, b = -1, min = 0, max = long.MaxValue;
        decimal sigma = -1;
        foreach (string part in body.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
                return $"expected key=value, got '{part}'";
            string key = part[..eq].Trim().ToLowerInvariant();
            string value = part[(eq + 1)..].Trim();
            string? error = null;
            bool ok = true;
            if (key == "sigma" && second == "sigma")
            {
                ok = decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out sigma) && sigma > 0 && sigma <= 5;
                error = ok ? null : $"sigma must be a number in (0, 5], got '{value}'";
            }
            else if (key == first)
            {
                ok = DurationText.TryParse(value, out a, out error);
            }
            else if (key == second)
            {
                ok = DurationText.TryParse(value, out b, out error);
            }
            else if (key == "min")
            {
                ok = DurationText.TryParse(value, out min, out error);
            }
            else if (key == "max")
            {
                ok = DurationText.TryParse(value, out max, out error);
            }
            else
            {
                return $"unknown key '{key}'; expected {first}, {second}, min or max";
            }
            if (!ok)
                return error;
        }
        if (a < 0)
            return $"missing {first}=";
        if (second == "sigma" ? sigma < 0 : b < 0)
            return $"missing {second}=";
        if (max < min)
            return $"min {DurationText.Format(min)} exceeds max {DurationText.Format(max)}";
        try
        {
            model = second == "sigma" ? LogNormal(a, sigma, min, max) : Normal(a, b, min, max);
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.Message.Split(" (Parameter", StringSplitOptions.None)[0];
        }
    }
}
