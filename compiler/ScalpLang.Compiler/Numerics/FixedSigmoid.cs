using System.Collections.Immutable;

namespace ScalpLang.Compiler.Numerics;

/// <summary>
/// The language's fixed-point logistic function (grammar/README.md §6.1): a table of 513 values
/// T[k] = round(65536 / (1 + e^(-k/32))), k = 0..512, linearly interpolated with an arithmetic
/// shift, mirrored for negative arguments and saturated at |x| &gt;= 16. Integer-only, so the IL
/// and Verilog backends compute the same bits. Runtime.Abi's QSigmoid is the run-time copy; a
/// test proves the two equal.
/// </summary>
public static class FixedSigmoid
{
    public const int StepBits = 11;               // table step 2^11 raw = 1/32
    public const long Limit = 512L << StepBits;   // 16.0 in Q47.16: saturation

    public static ImmutableArray<int> Table { get; } = Build();

    /// <summary>The table's definition: round half up of 65536 / (1 + e^(-k/32)).</summary>
    private static ImmutableArray<int> Build()
    {
        var table = new int[513];
        for (var k = 0; k <= 512; k++)
            table[k] = (int)Math.Floor(65536.0 / (1.0 + Math.Exp(-k / 32.0)) + 0.5);
        return [.. table];
    }

    /// <summary>sigmoid(x) in Q47.16 for a Q47.16 argument: 0..65536.</summary>
    public static long Apply(long x)
    {
        var magnitude = x >= 0 ? Math.Min(x, Limit) : x < -Limit ? Limit : -x;
        long positive;
        if (magnitude >= Limit)
        {
            positive = Table[512];
        }
        else
        {
            var k = (int)(magnitude >> StepBits);
            var fraction = magnitude & ((1L << StepBits) - 1);
            positive = Table[k] + (((Table[k + 1] - Table[k]) * fraction) >> StepBits);
        }
        return x >= 0 ? positive : Fixed.OneRaw - positive;
    }
}
