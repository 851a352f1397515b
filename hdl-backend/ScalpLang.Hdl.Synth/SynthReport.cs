using System.Collections.Immutable;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// What `scalp synth` reports for one strategy (hdl-backend/SYNTH.md): yosys's cells, nextpnr's
/// utilisation and Fmax of the wrapped module (<see cref="NarrowTop"/>), the decision latency in
/// cycles and in ns at Fmax, and the values built at the full 64 bits.
/// </summary>
public sealed record SynthReport(
    string Strategy,
    string Top,
    IceDevice Device,
    string Package,
    YosysStatistics Cells,
    NextpnrResult Placement,
    double? IcetimeMhz,
    double TargetMhz,
    int ModuleLatencyCycles,
    int WrappedLatencyCycles,
    ImmutableArray<FullWidthValue> FullWidth,
    TimeSpan YosysTime,
    TimeSpan NextpnrTime,
    string? Bitstream)
{
    public double? FmaxMhz => Placement.FmaxMhz;

    /// <summary>The module's record interval R (its RECORD_INTERVAL; 1 for a timing unit or a module that states none).</summary>
    public int RecordInterval { get; init; } = 1;

    /// <summary>The module's register stages at Fmax.</summary>
    public double? ModuleLatencyNs => Nanoseconds(ModuleLatencyCycles);

    /// <summary>Pin to pin through the wrapper, at Fmax (the last frame word comes 13 cycles later).</summary>
    public double? WrappedLatencyNs => Nanoseconds(WrappedLatencyCycles);

    private double? Nanoseconds(int cycles) => FmaxMhz is { } f and > 0 ? cycles * 1000.0 / f : null;
}

/// <summary>The flow's result: a report, or the tool that failed, why, and its log.</summary>
public sealed record SynthOutcome(SynthReport? Report, string? Tool, string? Error, string? LogPath)
{
    public static SynthOutcome Failed(string tool, string error, string? logPath) => new(null, tool, error, logPath);
}
