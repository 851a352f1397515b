namespace ScalpLang.Hdl.Synth;

/// <summary>
/// What a square-root unit computes: <c>floor(sqrt(v))</c> of an unsigned <see cref="InputWidth"/>-bit
/// value, as the runtime's integer root (<c>zscore</c>'s standard deviation, grammar/README.md);
/// the root has ceil(InputWidth / 2) bits. <see cref="BitsPerCycle"/> root bits are found per clock;
/// <see cref="SegmentBits"/>: the longest carry chain of a subtraction (<see cref="CarrySelect"/>; 0: one chain).
/// </summary>
public sealed record SquareRootSpec(int InputWidth = 64, int BitsPerCycle = 1, int SegmentBits = DividerSpec.DefaultSegmentBits, string? ModuleName = null)
{
    public string Name => ModuleName ?? $"scalp_isqrt_w{VerilogWords.Dec(InputWidth)}_r{VerilogWords.Dec(BitsPerCycle)}";

    public int RootWidth => (InputWidth + 1) / 2;

    public int Iterations => (RootWidth + BitsPerCycle - 1) / BitsPerCycle;

    /// <summary>Start sampled at edge k: done and the root after edge k + Latency.</summary>
    public int Latency => Iterations + 1;

    internal void Validate()
    {
        if (InputWidth is < 4 or > 256)
            throw new ArgumentOutOfRangeException(nameof(InputWidth), "InputWidth must be 4..256");
        if (BitsPerCycle is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(BitsPerCycle), "BitsPerCycle must be 1..8");
        if (SegmentBits is < 0 or > 512)
            throw new ArgumentOutOfRangeException(nameof(SegmentBits), "SegmentBits must be 0..512");
        if (!VerilogWords.IsIdentifier(Name))
            throw new ArgumentOutOfRangeException(nameof(ModuleName), "ModuleName must be a Verilog identifier");
    }
}
