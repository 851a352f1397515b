using System.Numerics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The raw values (Q47.16, ns or 0/1) a node can take, as exact integers, and the signed width
/// that holds them. Step: every value is a multiple of 2^Step (whole lots and ticks are multiples
/// of 2^16), which bounds a divisor away from zero. Wraps: the IL's 64-bit result can differ from
/// the exact one, so the node is computed at 64 bits exactly as the IL wraps.
/// </summary>
public readonly record struct ValueRange(BigInteger Lo, BigInteger Hi, bool Wraps = false, int Step = 0)
{
    public static readonly BigInteger Min64 = long.MinValue;
    public static readonly BigInteger Max64 = long.MaxValue;
    public static ValueRange Full64 { get; } = new(Min64, Max64);
    public static ValueRange Bool { get; } = new(0, 1);

    public static ValueRange Exactly(BigInteger value) => new(value, value, Step: value.IsZero ? 64 : (int)BigInteger.TrailingZeroCount(value));

    /// <summary>Bits of a two's-complement signed wire holding every value of the range.</summary>
    public int SignedWidth => 1 + Math.Max(Magnitude(Lo), Magnitude(Hi));

    public bool FitsIn64 => Lo >= Min64 && Hi <= Max64;

    /// <summary>The range a 64-bit result takes: this one when it fits, else every 64-bit value (the IL wraps).</summary>
    public ValueRange Wrapped64() => FitsIn64 ? this : Full64 with { Wraps = true, Step = Math.Min(Step, 63) };

    public static ValueRange Union(ValueRange a, ValueRange b) => new(BigInteger.Min(a.Lo, b.Lo), BigInteger.Max(a.Hi, b.Hi), Step: Math.Min(a.Step, b.Step));

    /// <summary>Bits of the value's magnitude as a signed number would need them (-1 needs 0, 1 needs 1).</summary>
    private static int Magnitude(BigInteger v) => (int)(v.Sign < 0 ? (-v - 1).GetBitLength() : v.GetBitLength());
}
