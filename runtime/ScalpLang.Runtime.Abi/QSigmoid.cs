namespace ScalpLang.Runtime.Abi;

/// <summary>
/// The language's fixed-point logistic function at run time (grammar/README.md §6.1), called by
/// compiled model scores: table T[k] = round(65536 / (1 + e^(-k/32))), k = 0..512, linear
/// interpolation with an arithmetic shift, mirrored for negative arguments, saturated at
/// |x| &gt;= 16. The compiler's FixedSigmoid is the reference; a test proves them equal.
/// </summary>
public static class QSigmoid
{
    private const int StepBits = 11;
    private const long Limit = 512L << StepBits;
    private static readonly int[] Table = Build();

    private static int[] Build()
    {
        var table = new int[513];
        for (var k = 0; k <= 512; k++)
            table[k] = (int)Math.Floor(65536.0 / (1.0 + Math.Exp(-k / 32.0)) + 0.5);
        return table;
    }

    /// <summary>sigmoid(x), Q47.16 in and out (0..65536).</summary>
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
            long low = Table[k];
            positive = low + (((Table[k + 1] - low) * (magnitude & ((1L << StepBits) - 1))) >> StepBits);
        }
        return x >= 0 ? positive : Q.One - positive;
    }
}
