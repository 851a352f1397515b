namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// An assembled program: the ROM's instructions (padded, labels resolved) and the register file's
/// initial image (the constants the program reads; every other register starts at 0 in simulation
/// and holds what the last run left on a device, so a program clears its state itself).
/// </summary>
/// <param name="LoopBounds">a loop's head (its slot) and the most turns its body runs (MicroAssembler.LoopBound; MicroTiming reads them).</param>
/// <param name="Params">
/// registers whose initial value is a Verilog parameter of the core (register -> name; MicroAssembler.Param):
/// InitialRegisters holds the parameter's default.
/// </param>
internal sealed record MicroProgram(IReadOnlyList<MicroInstruction> Instructions, IReadOnlyDictionary<int, long> InitialRegisters, int RecordWords, int OutputWords,
    IReadOnlyDictionary<int, int>? LoopBounds = null, IReadOnlyDictionary<int, string>? Params = null)
{
    /// <summary>The core's parameters in register order, with their defaults.</summary>
    public IEnumerable<(int Register, string Name, long Default)> ParamList =>
        (Params ?? new Dictionary<int, string>()).OrderBy(p => p.Key).Select(p => (p.Key, p.Value, InitialRegisters[p.Key]));

    /// <summary>The program counter's width: the ROM holds 2^PcBits words.</summary>
    public int PcBits => Math.Max(1, (int)Math.Ceiling(Math.Log2(Math.Max(2, Instructions.Count))));

    public string Listing() =>
        string.Join('\n', Instructions.Select((x, i) => $"{i,5}: {x}"));
}
