using System.Reflection.Emit;
using System.Numerics;

namespace ScalpLang.Backend.Il;

/// <summary>
/// The language's <c>*</c> (grammar/README.md §6: the exact product shifted right by 16, floored,
/// low 64 bits) as plain 64-bit IL, with no call. <c>Q.Mul</c> computes it through a 128-bit
/// product; in a large Evaluate the JIT runs out of inlining budget and leaves that as two calls
/// per multiplication (BigMul, Int128's shift), which cost more than the arithmetic.
/// </summary>
/// <remarks>
/// With <c>b = bh * 2^16 + bl</c> and <c>a = ah * 2^16 + al</c> (<c>bh = b &gt;&gt; 16</c>, <c>bl = b &amp; 0xFFFF</c>,
/// likewise for a), <c>floor(a * b / 2^16) = a * bh + ah * bl + floor(al * bl / 2^16)</c> exactly: the first two
/// terms are integers, and <c>al * bl &lt; 2^32</c>. <c>|ah * bl| &lt; 2^47 * 2^16</c> fits in 64 bits, and the sum
/// wraps modulo 2^64 like the low 64 bits of the 128-bit result, so every term can be computed in
/// 64 bits. A constant operand is split at build time, which turns most of it into shifts.
/// </remarks>
internal static class MultiplyEmitter
{
    private const long Low = 0xFFFF;

    /// <summary>Emits <paramref name="a"/> * <paramref name="b"/>, leaving the raw result on the stack.</summary>
    public static void Emit(ILGenerator il, LocalBuilder a, LocalBuilder b)
    {
        // a * bh
        il.Emit(OpCodes.Ldloc, a);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Ldc_I4, 16);
        il.Emit(OpCodes.Shr);
        il.Emit(OpCodes.Mul);
        // + ah * bl
        il.Emit(OpCodes.Ldloc, a);
        il.Emit(OpCodes.Ldc_I4, 16);
        il.Emit(OpCodes.Shr);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Ldc_I8, Low);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Add);
        // + (al * bl) >> 16
        il.Emit(OpCodes.Ldloc, a);
        il.Emit(OpCodes.Ldc_I8, Low);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Ldloc, b);
        il.Emit(OpCodes.Ldc_I8, Low);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Ldc_I4, 16);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Add);
    }

    /// <summary>Emits <paramref name="a"/> * the raw constant <paramref name="c"/>, leaving the result on the stack.</summary>
    public static void EmitByConstant(ILGenerator il, LocalBuilder a, long c)
    {
        var high = c >> 16;
        var low = c & Low;
        var pushed = false;
        void Add()
        {
            if (pushed)
                il.Emit(OpCodes.Add);
            pushed = true;
        }

        if (high != 0)
        {
            // a * ch: the JIT turns a power of two into a shift itself.
            il.Emit(OpCodes.Ldloc, a);
            if (high != 1)
            {
                il.Emit(OpCodes.Ldc_I8, high);
                il.Emit(OpCodes.Mul);
            }
            Add();
        }
        if (low != 0 && BitOperations.IsPow2(low))
        {
            // ah * 2^k + (al * 2^k) >> 16 = floor(a * 2^k / 2^16) = a >> (16 - k).
            il.Emit(OpCodes.Ldloc, a);
            il.Emit(OpCodes.Ldc_I4, 16 - BitOperations.Log2((ulong)low));
            il.Emit(OpCodes.Shr);
            Add();
        }
        else if (low != 0)
        {
            il.Emit(OpCodes.Ldloc, a);
            il.Emit(OpCodes.Ldc_I4, 16);
            il.Emit(OpCodes.Shr);
            il.Emit(OpCodes.Ldc_I8, low);
            il.Emit(OpCodes.Mul);
            Add();
            il.Emit(OpCodes.Ldloc, a);
            il.Emit(OpCodes.Ldc_I8, Low);
            il.Emit(OpCodes.And);
            il.Emit(OpCodes.Ldc_I8, low);
            il.Emit(OpCodes.Mul);
            il.Emit(OpCodes.Ldc_I4, 16);
            il.Emit(OpCodes.Shr_Un);
            Add();
        }
        if (!pushed)
            il.Emit(OpCodes.Ldc_I8, 0L); // a * 0
    }
}
