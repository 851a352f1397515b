using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>The module's bucket clocks (one per distinct width): they keep each event's bucket index.</summary>
    public required BucketClocks Clocks { get; init; }

    /// <summary>
    /// The window's view of its bucket clock: k is the event's bucket (BucketClocks: kept exactly
    /// as time moves, no division); time never goes back; gap = buckets time moved on (exact, 64
    /// bits); now = the current bucket, whose low 5 bits are its ring slot. The width arguments name
    /// what the clock divides by (BucketClocks plans the same widths).
    /// </summary>
    private void Clock(string p, IrValue window, string widthDivisor, string what)
    {
        _ = (window, widthDivisor);
        Line($"reg        {p}_started;");
        Line($"reg [63:0] {p}_bucket;");
        Line($"wire [63:0] {p}_k = {Clocks.EventBucket(p)};   // the event's bucket index ({what}), kept by its bucket clock");
        Line($"wire        {p}_ahead = {p}_started && {p}_k > {p}_bucket;");
        Line($"wire [63:0] {p}_gap = {p}_ahead ? {p}_k - {p}_bucket : 64'd0;");
        Line($"wire [63:0] {p}_now = ({p}_ahead || !{p}_started) ? {p}_k : {p}_bucket;");
    }
}
