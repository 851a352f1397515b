using ScalpLang.Compiler.Ir;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// An amount a sum window adds, with the low bits known to be zero in every value it takes: the
/// signal holds the Q47.16 amount / 2^ZeroBits as a signed <see cref="Width"/>-bit value. A sum of
/// such amounts wrapping at 2^64 is the sum of the signals wrapping at 2^Width, shifted left
/// ZeroBits (the dropped bits are 0 in every term, so no carry crosses them), which lets a window
/// keep its lanes, ring and subtraction at Width bits exactly.
/// </summary>
internal sealed record SumAmount(string Signal, int ZeroBits)
{
    public int Width => 64 - ZeroBits;

    /// <summary>This amount where <paramref name="condition"/> holds, else 0: 0 has every bit zero, so the zero bits stay.</summary>
    public SumAmount When(string condition) => this with { Signal = $"({condition} ? {Signal} : {Literal(0, Width)})" };

    /// <summary>A signal of this amount's scale and width as the 64-bit Q47.16 value: the zero bits put back.</summary>
    public string Widened(string signal) => ZeroBits == 0 ? signal : $"$signed({{{signal}, {ZeroBits}'h0}})";
}

/// <summary>The amounts each sum window adds (grammar/README.md §7 rule 2): lane a, and for a ratio lane b, its divisor.</summary>
internal static class WindowSumLanes
{
    /// <summary>The lanes of sum window <paramref name="kind"/>; <paramref name="p"/> names its wires (vwap's product).</summary>
    public static SumAmount[] Of(IrWindowKind kind, string p) => kind switch
    {
        IrWindowKind.TradeVolume => [EventSection.TradeSize],
        IrWindowKind.AggressorRatio => [EventSection.TradeSize.When("ev_aggressor_buy"), EventSection.TradeSize],
        IrWindowKind.CancelRate => [EventSection.Cancelled, EventSection.Added],
        // Q.Mul(price, size): a price in ticks need not be a multiple of 2^16, so no bit is known zero.
        IrWindowKind.Vwap => [new SumAmount($"{p}_pv", 0), EventSection.TradeSize],
        _ => throw new System.Diagnostics.UnreachableException($"{kind} is not a sum window"),
    };
}
