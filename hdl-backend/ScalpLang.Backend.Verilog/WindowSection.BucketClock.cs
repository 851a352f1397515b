using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>The module's bucket clocks (one per distinct width): they keep each event's bucket index.</summary>
    public required BucketClocks Clocks { get; init; }

    /// <summary>Where the window's gap saturates: above every constant a reader compares it with.</summary>
    private const int GapCap = 4095;

    /// <summary>Does not compile (a negative constant cast to uint) if a reader's constant reaches the cap.</summary>
    private const uint GapCapAboveReaders = (uint)(GapCap - 1 - Buckets) + (uint)(GapCap - 1 - MaxAtrBars) + (uint)(GapCap - 1 - MaxEmaCloses);

    /// <summary>
    /// The window's view of its bucket clock: k is the event's bucket (BucketClocks: kept exactly
    /// as time moves, no division); "ahead" (k > bucket) is read from the borrow and the zero test of
    /// the one subtraction k - bucket; gap = buckets time moved on, exact up to <see cref="GapCap"/> and saturated
    /// there: every reader compares it with a constant below the cap (32 buckets, N &lt;= 256 atr
    /// bars, 664 ema closes) or reads its low bits only when it is below such a constant, so the
    /// readers' comparisons narrow to 12 bits; now = the current bucket, whose low 5 bits are its
    /// ring slot. The width arguments name what the clock divides by (BucketClocks plans the same widths).
    /// </summary>
    private void Clock(string p, IrValue window, string widthDivisor, string what)
    {
        _ = (window, widthDivisor);
        Line($"reg        {p}_started;");
        Line($"reg [63:0] {p}_bucket;");
        Line($"wire [63:0] {p}_k = {Clocks.EventBucket(p)};   // the event's bucket index ({what}), kept by its bucket clock");
        Line($"wire [64:0] {p}_since = {{1'b0, {p}_k}} - {{1'b0, {p}_bucket}};   // bit 64: the borrow, k < bucket");
        Line($"wire        {p}_ahead = {p}_started && !{p}_since[64] && {p}_since[63:0] != 64'd0;");
        Line($"wire [63:0] {p}_gap = !{p}_ahead ? 64'd0 : ({p}_since[63:12] != 52'd0) ? 64'd{GapCap} : {{52'd0, {p}_since[11:0]}};   // saturated at {GapCap}");
        Line($"wire [63:0] {p}_now = ({p}_ahead || !{p}_started) ? {p}_k : {p}_bucket;");
    }
}
