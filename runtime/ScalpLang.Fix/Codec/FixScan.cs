using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScalpLang.Fix.Codec;

/// <summary>
/// One pass over a message body that finds every SOH and sums the bytes for the CheckSum, so the
/// parser needs no per-field search (a vectorised IndexOf per field costs more than the field).
/// </summary>
internal static class FixScan
{
    /// <summary>Writes the offsets of the SOH bytes in [start, end) to <paramref name="positions"/> (room for end - start); returns their count.</summary>
    public static int IndexSoh(ReadOnlySpan<byte> span, int start, int end, int[] positions, out uint byteSum)
    {
        var count = 0;
        var i = start;
        uint sum = 0;
        ref var origin = ref MemoryMarshal.GetReference(span);
        if (Avx2.IsSupported && end - i >= 32)
        {
            var soh = Vector256.Create(FixValue.Soh);
            var acc = Vector256<ulong>.Zero;
            for (; i <= end - 32; i += 32)
            {
                var v = Vector256.LoadUnsafe(ref origin, (nuint)i);
                acc = Avx2.Add(acc, Avx2.SumAbsoluteDifferences(v, Vector256<byte>.Zero).AsUInt64());
                var mask = Vector256.Equals(v, soh).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    positions[count++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
            sum = (uint)(acc.GetElement(0) + acc.GetElement(1) + acc.GetElement(2) + acc.GetElement(3));
        }
        else if (Sse2.IsSupported && end - i >= 16)
        {
            var soh = Vector128.Create(FixValue.Soh);
            var acc = Vector128<ulong>.Zero;
            for (; i <= end - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref origin, (nuint)i);
                acc = Sse2.Add(acc, Sse2.SumAbsoluteDifferences(v, Vector128<byte>.Zero).AsUInt64());
                var mask = Vector128.Equals(v, soh).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    positions[count++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
            sum = (uint)(acc.GetElement(0) + acc.GetElement(1));
        }
        for (; i < end; i++)
        {
            var b = span[i];
            sum += b;
            if (b == FixValue.Soh)
                positions[count++] = i;
        }
        byteSum = sum;
        return count;
    }
}
