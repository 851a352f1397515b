namespace ScalpLang.Hdl.Synth;

/// <summary>How to run the flow.</summary>
/// <param name="Device">The iCE40 part (and its default package).</param>
/// <param name="WorkDir">Where the Verilog, netlist, placed design and logs go.</param>
/// <param name="TargetMhz">nextpnr's <c>--freq</c>: the board clock a bitstream must meet (timing is only reported without a pcf).</param>
/// <param name="PcfPath">The board's pin constraints; null: pins placed anywhere, timing allowed to fail (a report, not a bitstream).</param>
/// <param name="BitstreamPath">With a pcf, where icepack writes the bitstream.</param>
/// <param name="Timeout">Per tool run.</param>
/// <param name="SearchPath">Where to look for the tools (PATH syntax); null: the process's PATH.</param>
/// <param name="Retime">synth_ice40 -retime: abc moves flip-flops across logic.</param>
/// <param name="Abc9">synth_ice40 -abc9: abc9's timing-driven mapping.</param>
/// <param name="Seed">nextpnr's placement seed; null: its default. Fmax moves with placement, so one seed is one sample.</param>
public sealed record SynthOptions(
    IceDevice Device,
    string WorkDir,
    double TargetMhz = SynthOptions.DefaultTargetMhz,
    string? PcfPath = null,
    string? BitstreamPath = null,
    TimeSpan? Timeout = null,
    string? SearchPath = null,
    bool Retime = false,
    bool Abc9 = false,
    int? Seed = null)
{
    /// <summary>The 12 MHz oscillator of the common iCE40 boards (iCEstick, iCEBreaker, HX8K breakout).</summary>
    public const double DefaultTargetMhz = 12;

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(15);
}
