using System.Runtime.CompilerServices;

namespace ScalpLang.Runtime.Abi;

/// <summary>
/// The reference's Q47.16 operations for run time (grammar/README.md, "Numeric semantics"):
/// compiled strategies and windows call these, and tests prove them equal to the compiler's
/// constant folder. Add, subtract and compare are plain 64-bit operations and need no helper.
/// </summary>
public static class Q
{
    public const int FractionBits = 16;
    public const long One = 1L << FractionBits;

    /// <summary>Exact 128-bit product shifted right arithmetically by 16 (toward minus infinity), low 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Mul(long a, long b) =>
        // The Int128-returning BigMul stays in registers (the out-parameter overload spills the low
        // half to the stack); >> is arithmetic and the cast keeps the low 64 bits.
        (long)(Math.BigMul(a, b) >> FractionBits);

    /// <summary>(a &lt;&lt; 16) / b in 128 bits, truncated toward zero, low 64 bits; b = 0 gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Div(long a, long b)
    {
        if (b == 0)
            return 0;
        // |a << 16| fits in 64 bits for |a| < 2^47 (every in-range value): the fast path.
        if (a is > -(1L << 47) and < (1L << 47) && b != -1)
            return (a << FractionBits) / b;
        return (long)(((Int128)a << FractionBits) / b);
    }

    public static long FromInteger(long value) => value << FractionBits;
}
