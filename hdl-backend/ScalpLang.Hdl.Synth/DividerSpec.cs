namespace ScalpLang.Hdl.Synth;

/// <summary>
/// What a divider unit computes: <c>q = (a * 2^FractionBits) / b</c> truncated toward zero, its low
/// <see cref="QuotientWidth"/> bits kept, and 0 when <c>b = 0</c> (grammar/README.md §6; the IL's
/// <c>Q.Div</c> is <c>NumeratorWidth = DivisorWidth = QuotientWidth = 64, FractionBits = 16</c>).
/// <see cref="BitsPerCycle"/> quotient bits are found per clock (1: radix 2, 2: radix 4, ...):
/// fewer cycles, a longer path per cycle. <see cref="SegmentBits"/>: the longest carry chain of a
/// subtraction or negation (<see cref="CarrySelect"/>; 0: one chain per operator).
/// </summary>
public sealed record DividerSpec(int NumeratorWidth = 64, int DivisorWidth = 64, int QuotientWidth = 64, int FractionBits = 16, int BitsPerCycle = 1,
    int SegmentBits = DividerSpec.DefaultSegmentBits, string? ModuleName = null)
{
    /// <summary>
    /// Carry chains of at most 16 bits. Measured on the HX8K (hdl-backend/SYNTH.md): the Q47.16 unit
    /// 85.3 MHz (84-93 MHz at 8 to 33 bits, placement noise; 64.5 MHz as one chain), the 51/52-bit
    /// one 97.5 MHz.
    /// </summary>
    public const int DefaultSegmentBits = 16;

    /// <summary>The language's 64-bit Q47.16 division.</summary>
    public static DividerSpec Q47_16 { get; } = new();

    public string Name => ModuleName ?? $"scalp_div_n{VerilogWords.Dec(NumeratorWidth)}_d{VerilogWords.Dec(DivisorWidth)}_q{VerilogWords.Dec(QuotientWidth)}_f{VerilogWords.Dec(FractionBits)}_r{VerilogWords.Dec(BitsPerCycle)}";

    /// <summary>Bits of |a| * 2^FractionBits: the quotient bits the unit finds.</summary>
    public int DividendBits => NumeratorWidth + FractionBits;

    /// <summary>Clock cycles of division steps.</summary>
    public int Iterations => (DividendBits + BitsPerCycle - 1) / BitsPerCycle;

    /// <summary>Start sampled at edge k: done and q after edge k + Latency (one edge loads, one registers q).</summary>
    public int Latency => Iterations + 1;

    internal void Validate()
    {
        Check(NumeratorWidth is >= 2 and <= 256, nameof(NumeratorWidth), "2..256");
        Check(DivisorWidth is >= 2 and <= 256, nameof(DivisorWidth), "2..256");
        Check(QuotientWidth is >= 1 and <= 512, nameof(QuotientWidth), "1..512");
        Check(FractionBits is >= 0 and <= 64, nameof(FractionBits), "0..64");
        Check(BitsPerCycle is >= 1 and <= 8, nameof(BitsPerCycle), "1..8");
        Check(SegmentBits is >= 0 and <= 512, nameof(SegmentBits), "0..512");
        Check(VerilogWords.IsIdentifier(Name), nameof(ModuleName), "a Verilog identifier");
    }

    private static void Check(bool ok, string what, string range)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(what, $"{what} must be {range}");
    }
}
