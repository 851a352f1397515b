namespace ScalpLang.Hdl.Synth;

/// <summary>
/// A generated standalone Verilog-2005 module with a start/done handshake (hdl-backend/SYNTH.md).
/// <see cref="Latency"/>: operands sampled with <c>start</c> at rising edge k give <c>done</c>
/// high and the result valid after edge k + Latency. <see cref="Interval"/>: cycles between two
/// accepted starts (one unit computes one result at a time; instantiate several for more).
/// A unit whose ports do not fit a package (the model unit) also has a pin wrapper in its text:
/// <see cref="PinTop"/>, with its own latency and interval, is what `scalp synth` places.
/// </summary>
public sealed record TimingUnit(string ModuleName, string Verilog, int Latency, int Interval, string? PinTop = null, int? PinLatency = null,
    int? PinInterval = null);
