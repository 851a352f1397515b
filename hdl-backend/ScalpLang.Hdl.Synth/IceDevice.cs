namespace ScalpLang.Hdl.Synth;

/// <summary>
/// An iCE40 part as nextpnr-ice40 and icetime name it, with the package used when no board is
/// given (the largest common one; a pcf pins the design to a board's package).
/// </summary>
public sealed record IceDevice(string Name, string Package, int LogicCells)
{
    public static IceDevice Hx8k { get; } = new("hx8k", "ct256", 7680);
    public static IceDevice Up5k { get; } = new("up5k", "sg48", 5280);

    public static IceDevice? Parse(string name) => name switch
    {
        "hx8k" => Hx8k,
        "up5k" => Up5k,
        _ => null,
    };
}
