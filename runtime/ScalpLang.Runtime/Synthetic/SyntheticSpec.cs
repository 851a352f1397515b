using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The <c>--data</c> spec of the synthetic order flow: <c>synthetic</c>, or
/// <c>synthetic:seed=N</c>, <c>synthetic:events=M</c>, <c>synthetic:seed=N,events=M</c> (either
/// order). The seed is any unsigned 64-bit integer; events is 1 to <see cref="MaxEvents"/>.
/// Bad input is reported with the part that is wrong, not thrown (<see cref="TryParse"/>).
/// </summary>
public sealed record SyntheticSpec
{
    public const string Scheme = "synthetic";

    public const ulong DefaultSeed = 1;

    public const long DefaultEvents = 200_000;

    /// <summary>A billion events (about 25 simulated days); more is almost surely a typo.</summary>
    public const long MaxEvents = 1_000_000_000;

    private const string Usage = "expected synthetic[:seed=N,events=M]";

    public SyntheticSpec(ulong seed = DefaultSeed, long events = DefaultEvents)
    {
        if (events is < 1 or > MaxEvents)
            throw new ArgumentOutOfRangeException(nameof(events), events, $"events must be 1 to {MaxEvents}");
        Seed = seed;
        Events = events;
    }

    public static SyntheticSpec Default { get; } = new();

    public ulong Seed { get; }

    /// <summary>How many market events the generator emits.</summary>
    public long Events { get; }

    /// <summary>True when <paramref name="text"/> names the synthetic source (well-formed or not).</summary>
    public static bool IsSynthetic(string? text) =>
        text is not null && (text == Scheme || text.StartsWith(Scheme + ":", StringComparison.Ordinal));

    public static SyntheticSpec Parse(string text) =>
        TryParse(text, out var spec, out string? error) ? spec : throw new FormatException(error);

    /// <summary>Parses a spec; on failure <paramref name="error"/> says which part is wrong and why.</summary>
    public static bool TryParse(
        string? text, [NotNullWhen(true)] out SyntheticSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (text is null)
        {
            error = $"no data spec: {Usage}";
            return false;
        }
        if (!IsSynthetic(text))
            return Fail(text, $"not a synthetic data spec; {Usage}", out error);
        ulong seed = DefaultSeed;
        long events = DefaultEvents;
        bool seenSeed = false, seenEvents = false;
        if (text.Length > Scheme.Length)
        {
            string parameters = text[(Scheme.Length + 1)..];
            if (parameters.Trim().Length == 0)
                return Fail(text, "nothing after 'synthetic:'; expected seed=N and/or events=M", out error);
            int position = 0;
            foreach (string rawPart in parameters.Split(','))
            {
                position++;
                string part = rawPart.Trim();
                if (part.Length == 0)
                    return Fail(text, $"parameter {position} is empty (parameters are key=value, separated by commas)", out error);
                int equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                    return Fail(text, $"'{part}' has no value; expected key=value", out error);
                string key = part[..equals].Trim();
                string value = part[(equals + 1)..].Trim();
                switch (key)
                {
                    case "seed":
                        if (seenSeed)
                            return Fail(text, "seed is given twice", out error);
                        seenSeed = true;
                        if (ParseWhole(value, "seed", ulong.MaxValue) is { } seedProblem)
                            return Fail(text, seedProblem, out error);
                        seed = ulong.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "events":
                        if (seenEvents)
                            return Fail(text, "events is given twice", out error);
                        seenEvents = true;
                        if (ParseWhole(value, "events", MaxEvents) is { } eventsProblem)
                            return Fail(text, eventsProblem, out error);
                        events = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                        if (events == 0)
                            return Fail(text, "events=0: at least 1 event is needed", out error);
                        break;
                    case "":
                        return Fail(text, $"'{part}' has no key; expected seed=N or events=M", out error);
                    default:
                        return Fail(text, $"unknown key '{key}' (the keys are seed and events)", out error);
                }
            }
        }
        spec = new SyntheticSpec(seed, events);
        error = null;
        return true;
    }

    /// <summary><c>synthetic:seed=N,events=M</c>, which parses back to this spec.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}:seed={Seed},events={Events}");

    private static bool Fail(string text, string reason, out string error)
    {
        error = $"bad data spec '{text}': {reason}";
        return false;
    }

    /// <summary>Why <paramref name="value"/> is not a whole number from 0 to <paramref name="max"/>, or null.</summary>
    private static string? ParseWhole(string value, string key, ulong max)
    {
        if (value.Length == 0)
            return $"{key} has no value; expected {key}=N";
        bool negative = value[0] == '-';
        ReadOnlySpan<char> digits = negative ? value.AsSpan(1) : value.AsSpan();
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9'))
            return $"{key}={value}: '{value}' is not a whole number";
        if (negative)
            return $"{key}={value}: {key} cannot be negative";
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) || number > max)
            return string.Create(CultureInfo.InvariantCulture, $"{key}={value}: too large (at most {max})");
        return null;
    }
}
