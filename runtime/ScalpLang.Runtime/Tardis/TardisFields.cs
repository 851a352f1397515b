using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tardis;

internal enum DecimalParse : byte
{
    Ok,
    Malformed,
    TooPrecise,
}

/// <summary>
/// Exact conversion of Tardis decimal text ("8531.5", "0.132", "1e-05" is not accepted) to
/// whole grid steps: the digits become an integer mantissa over 10^scale and a
/// <see cref="GridScale"/> per scale (built once) turns it into ticks or lots, with no decimal or
/// double arithmetic per row.
/// </summary>
internal sealed class DecimalGrid
{
    public const int MaxScale = 12;

    private readonly GridScale[] _grids = new GridScale[MaxScale + 1];
    private readonly bool[] _usable = new bool[MaxScale + 1];

    public DecimalGrid(decimal step)
    {
        Step = step;
        decimal power = 1;
        for (int scale = 0; scale <= MaxScale; scale++)
        {
            // step x 10^scale must fit a long numerator (scaled up further for fractional steps).
            if (step * power * 1_000_000m <= long.MaxValue)
            {
                _grids[scale] = GridScale.Create(step, (long)power);
                _usable[scale] = true;
            }
            power *= 10;
        }
    }

    public decimal Step { get; }

    /// <summary>Digits with an optional fraction; trailing fraction zeros do not count as precision.</summary>
    public static DecimalParse TryParse(ReadOnlySpan<byte> text, out long mantissa, out int scale)
    {
        mantissa = 0;
        scale = 0;
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        if (negative)
            text = text[1..];
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty))
            return DecimalParse.Malformed;
        if (whole.ContainsAnyExceptInRange((byte)'0', (byte)'9') || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return DecimalParse.Malformed;
        fraction = fraction.TrimEnd((byte)'0');
        whole = whole.TrimStart((byte)'0');
        if (fraction.Length > MaxScale || whole.Length + fraction.Length > 18)
            return DecimalParse.TooPrecise;
        long value = 0;
        foreach (byte b in whole)
            value = value * 10 + (b - '0');
        foreach (byte b in fraction)
            value = value * 10 + (b - '0');
        mantissa = negative ? -value : value;
        scale = fraction.Length;
        return DecimalParse.Ok;
    }

    /// <summary>False when mantissa / 10^scale is not a whole number of steps.</summary>
    public bool TryToSteps(long mantissa, int scale, out long steps)
    {
        if (!_usable[scale])
        {
            steps = 0;
            return false;
        }
        return _grids[scale].TryToSteps(mantissa, out steps);
    }
}
