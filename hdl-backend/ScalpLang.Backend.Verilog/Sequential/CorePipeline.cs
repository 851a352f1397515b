namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The sequential core's pipeline, as the assembler must respect it (SequentialCoreWriter builds
/// it). An instruction read from the ROM at edge t is decoded at t+1 (its register numbers, plus I
/// when indexed), reads the register file at t+2, takes its operands at t+3 (X0), computes the low
/// half and the logic at t+4 (X1) and the high half, the flag, the branch and the outputs at t+5
/// (X2); its result is written to the register file at t+6. The core has no
/// interlocks and no forwarding, which keeps it small and fast: the assembler pads instead, so
/// that a program means what it says read in order (MicroMachine).
/// </summary>
internal static class CorePipeline
{
    /// <summary>A register written by the instruction in slot s is read right from slot s + 5 on.</summary>
    public const int RegisterDistance = 5;

    /// <summary>Select reads F in X1: 2 slots after the comparison that set it.</summary>
    public const int SelectFlagDistance = 2;

    /// <summary>A conditional branch reads F in X2, where the comparison before it has just set it.</summary>
    public const int BranchFlagDistance = 1;

    /// <summary>SetIndex sets I at X0; an indexed address is formed at decode, 3 slots later at the soonest.</summary>
    public const int IndexDistance = 3;

    /// <summary>A branch is taken at X2: the 5 instructions after it have been fetched and run (the assembler's NOPs).</summary>
    public const int BranchDelaySlots = 5;

    /// <summary>
    /// The unit loads its operands at X1 (slot s's edge s + 4) and steps once a cycle; Take reads
    /// its words at X0 (slot t's edge t + 3). So a result of n steps is taken from slot s + n + 2.
    /// </summary>
    public const int UnitStartToTake = 2;

    /// <summary>A product: 64 steps, one multiplier bit each.</summary>
    public const int MultiplySteps = 64;

    /// <summary>A division row: two steps (the low half's borrow, then the high half and the choice; a 64-bit chain does not close 100 MHz).</summary>
    public const int DivideRowSteps = 2;

    /// <summary>A division of <paramref name="rows"/> rows: two steps a row, and one to apply the last.</summary>
    public static int DivideSteps(int rows) => rows * DivideRowSteps + 1;

    public const int MultiplyDistance = MultiplySteps + UnitStartToTake;
    public static int DivideDistance => DivideSteps(64) + UnitStartToTake;
    public static int FractionDivideDistance => DivideSteps(80) + UnitStartToTake;

    /// <summary>The slots from a unit start to the first Take of its result.</summary>
    public static int UnitDistance(MicroOp start) => start switch
    {
        MicroOp.MultiplyStart => MultiplyDistance,
        MicroOp.DivideStart => DivideDistance,
        MicroOp.FractionDivideStart => FractionDivideDistance,
        _ => throw new ArgumentOutOfRangeException(nameof(start), start, "not a unit start"),
    };
}
