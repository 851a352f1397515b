namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The sequential core's operations (hdl-backend/README.md, "The sequential core"). Every value is
/// a 64-bit two's-complement word, as the language's Q47.16 values and counts are; F is the one-bit
/// flag the comparisons set and SEL and the conditional branches read; I is the 9-bit index that
/// indexed operands add to their register number.
/// </summary>
internal enum MicroOp
{
    /// <summary>Nothing (the assembler's padding).</summary>
    Nop = 0,
    /// <summary>R[d] = R[a] + R[b], wrapping.</summary>
    Add,
    /// <summary>R[d] = R[a] - R[b], wrapping.</summary>
    Sub,
    And,
    Or,
    Xor,
    /// <summary>F = R[a] &lt; R[b] signed; R[d] = F.</summary>
    LessSigned,
    /// <summary>F = R[a] &lt; R[b] unsigned; R[d] = F.</summary>
    LessUnsigned,
    /// <summary>F = R[a] == R[b]; R[d] = F.</summary>
    Equal,
    /// <summary>R[d] = F ? R[a] : R[b].</summary>
    Select,
    /// <summary>R[d] = R[a] &lt;&lt; k, k = b (0..63).</summary>
    ShiftLeft,
    /// <summary>R[d] = R[a] &gt;&gt; k, zeros in.</summary>
    ShiftRight,
    /// <summary>R[d] = R[a] &gt;&gt; k, the sign in.</summary>
    ShiftRightSigned,
    /// <summary>I = R[a]'s low 9 bits.</summary>
    SetIndex,
    /// <summary>R[d] = the record's 64-bit word b (word 0 its low bits).</summary>
    In,
    /// <summary>Output word b = R[a] (held until written again).</summary>
    Out,
    /// <summary>out_valid for one cycle: the output words as they are now are the decision.</summary>
    Emit,
    /// <summary>Jump to b.</summary>
    Jump,
    /// <summary>Jump to b when F.</summary>
    JumpIf,
    /// <summary>Jump to b unless F.</summary>
    JumpUnless,
    /// <summary>Take the record that arrived (clearing its arrival), or, when none has, jump to b (the WAIT itself).</summary>
    Wait,
    /// <summary>Nothing for b slots (b = 2..511): a run of the assembler's padding in one ROM word; the fetch holds.</summary>
    Idle,
    /// <summary>
    /// The unit multiplies R[a] by R[b], unsigned, 64 x 64 -> 128 bits, one bit a cycle, carry-save:
    /// word 0 the low 64 bits, words 1 and 2 two words whose sum mod 2^64 is the high 64
    /// (<see cref="CorePipeline.MultiplyDistance"/> slots until <see cref="Take"/>).
    /// </summary>
    MultiplyStart,
    /// <summary>The unit divides R[a] by R[b], unsigned, restoring rows: word 0 the quotient, word 1 the remainder (<see cref="CorePipeline.DivideDistance"/>).</summary>
    DivideStart,
    /// <summary>The unit divides R[a] &lt;&lt; 16 by R[b], unsigned, 80 rows: word 0 the quotient's low 64 bits, word 1 the remainder (<see cref="CorePipeline.FractionDivideDistance"/>).</summary>
    FractionDivideStart,
    /// <summary>R[d] = the unit's word b (0..2).</summary>
    Take,
}

/// <summary>
/// One instruction. <see cref="IndexA"/> and <see cref="IndexD"/> add I to a and d (a window's ring
/// slot, a book level): the address is formed when the instruction is decoded, from the I that the
/// last SetIndex before it left. Only Add is indexed (a ring's read is <c>Add t, ring+I, zero</c>,
/// its write <c>Add ring+I, x, zero</c>, an update both): the three forms have op codes of their
/// own, so the word is 32 bits (a ROM of 2,048 instructions is 16 block RAMs, not 17).
/// </summary>
internal readonly record struct MicroInstruction(MicroOp Op, int D = 0, int A = 0, int B = 0, bool IndexA = false, bool IndexD = false)
{
    public const int RegisterBits = 9;
    public const int Registers = 1 << RegisterBits;
    public const int OpBits = 5;
    /// <summary>op, d, a, b.</summary>
    public const int Width = OpBits + 3 * RegisterBits;

    /// <summary>
    /// The op codes of an indexed Add: 0b111 then index-a and index-d bits (29 writes d + I, 30 reads
    /// a + I, 31 both), so the decoder tells them by op[4:2] = 111 and takes the two bits as they are.
    /// </summary>
    public const int AddIndexedCodes = 0b11100;

    public bool WritesRegister => Op is >= MicroOp.Add and <= MicroOp.ShiftRightSigned or MicroOp.In or MicroOp.Take;
    public bool ReadsA => Op is >= MicroOp.Add and <= MicroOp.SetIndex or MicroOp.Out or >= MicroOp.MultiplyStart and <= MicroOp.FractionDivideStart;
    public bool ReadsB => Op is >= MicroOp.Add and <= MicroOp.Select or >= MicroOp.MultiplyStart and <= MicroOp.FractionDivideStart;
    public bool StartsUnit => Op is >= MicroOp.MultiplyStart and <= MicroOp.FractionDivideStart;
    public bool SetsFlag => Op is MicroOp.LessSigned or MicroOp.LessUnsigned or MicroOp.Equal;
    public bool ReadsFlag => Op is MicroOp.Select or MicroOp.JumpIf or MicroOp.JumpUnless;
    public bool Branches => Op is MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless or MicroOp.Wait;

    /// <summary>A jump's target is the a and b fields together ({a, b}).</summary>
    public const int MaxInstructions = 1 << (2 * RegisterBits);

    /// <summary>The ROM word: {b, a, d, op} from the top; a jump's target in {a, b}; an indexed Add's op is its own code.</summary>
    public ulong Encode()
    {
        var (a, b) = Branches ? (B >> RegisterBits, B & (Registers - 1)) : (A, B);
        var code = IndexA || IndexD ? AddIndexedCodes | (IndexA ? 2 : 0) | (IndexD ? 1 : 0) : (int)Op;
        return (uint)code | (ulong)D << OpBits | (ulong)a << (OpBits + RegisterBits) | (ulong)b << (OpBits + 2 * RegisterBits);
    }

    public override string ToString() => Op switch
    {
        MicroOp.Nop or MicroOp.Emit => Op.ToString(),
        MicroOp.Idle => $"{Op} {B}",
        MicroOp.Take => $"{Op} {Reg(D, IndexD)} <- unit word {B}",
        MicroOp.Jump or MicroOp.JumpIf or MicroOp.JumpUnless or MicroOp.Wait => $"{Op} @{B}",
        MicroOp.SetIndex => $"{Op} {Reg(A, IndexA)}",
        MicroOp.Out => $"{Op} {B} <- {Reg(A, IndexA)}",
        MicroOp.In => $"{Op} {Reg(D, IndexD)} <- word {B}",
        MicroOp.ShiftLeft or MicroOp.ShiftRight or MicroOp.ShiftRightSigned => $"{Op} {Reg(D, IndexD)} <- {Reg(A, IndexA)}, {B}",
        _ => $"{Op} {Reg(D, IndexD)} <- {Reg(A, IndexA)}, r{B}",
    };

    private static string Reg(int r, bool indexed) => indexed ? $"r{r}+I" : $"r{r}";
}
