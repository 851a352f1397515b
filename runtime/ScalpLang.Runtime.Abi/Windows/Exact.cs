namespace ScalpLang.Runtime.Abi.Windows;

/// <summary>Exact integer helpers shared by the windows.</summary>
internal static class Exact
{
    /// <summary>
    /// sum / count truncated toward zero, 0 for count 0; in 64 bits when the sum fits (the usual
    /// case), because a 128-bit division costs several times more.
    /// </summary>
    public static long Mean(Int128 sum, int count)
    {
        if (count == 0)
            return 0;
        if (sum >= long.MinValue && sum <= long.MaxValue)
        {
            long small = (long)sum;
            // long.MinValue / -1 cannot happen: count is positive.
            return small / count;
        }
        return (long)(sum / count);
    }
}
