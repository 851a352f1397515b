using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScalpLang.Fix.Codec;

/// <summary>The FIX CheckSum (10): the sum of every byte before the CheckSum field, modulo 256.</summary>
public static class FixChecksum
{
    public static int Compute(ReadOnlySpan<byte> bytes) => (int)(Sum(bytes) & 0xFF);

    /// <summary>The plain sum of the bytes (no modulo), for combining partial sums.</summary>
    internal static uint Sum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        var i = 0;
        if (Sse2.IsSupported && bytes.Length >= 16)
        {
            // PSADBW against zero adds 8 bytes into each 64-bit lane: 16 bytes per instruction.
            ref var start = ref MemoryMarshal.GetReference(bytes);
            var acc = Vector128<ulong>.Zero;
            for (; i <= bytes.Length - 16; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                acc = Sse2.Add(acc, Sse2.SumAbsoluteDifferences(v, Vector128<byte>.Zero).AsUInt64());
            }
            sum = (uint)(acc.GetElement(0) + acc.GetElement(1));
        }
        else if (Vector128.IsHardwareAccelerated && bytes.Length >= 16)
        {
            ref var start = ref MemoryMarshal.GetReference(bytes);
            var acc = Vector128<ushort>.Zero;
            var blocks = 0;
            for (; i <= bytes.Length - 16; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)i));
                acc += lo + hi;
                // Each lane gains at most 510 per block; fold into the scalar sum before overflow.
                if (++blocks == 128)
                {
                    sum += Fold(acc);
                    acc = Vector128<ushort>.Zero;
                    blocks = 0;
                }
            }
            sum += Fold(acc);
        }
        for (; i < bytes.Length; i++)
            sum += bytes[i];
        return sum;
    }

    private static uint Fold(Vector128<ushort> v)
    {
        var (lo, hi) = Vector128.Widen(v);
        return Vector128.Sum(lo + hi);
    }

    /// <summary>Writes a checksum as the three digits FIX requires.</summary>
    public static void Format(int checksum, Span<byte> destination)
    {
        destination[0] = (byte)('0' + checksum / 100);
        destination[1] = (byte)('0' + checksum / 10 % 10);
        destination[2] = (byte)('0' + checksum % 10);
    }
}
