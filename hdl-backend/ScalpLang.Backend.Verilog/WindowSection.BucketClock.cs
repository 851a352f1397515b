using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>The module's bucket clocks (one per distinct width): they keep each event's bucket index.</summary>
    public required BucketClocks Clocks { get; init; }

    /// <summary>The module's record interval R (VerilogOptions.RecordInterval): evaluations come at least R cycles apart.</summary>
    public int RecordInterval { get; init; } = 1;

    /// <summary>
    /// The cycles the evaluation may fold over after stage 1 (EvaluationFold.Budget), 0 when the module
    /// does not fold: a block RAM window then computes a division over them from its held registers.
    /// </summary>
    public int FoldBudget { get; init; }

    /// <summary>Where the window's gap saturates: above every constant a reader compares it with.</summary>
    private const int GapCap = 4095;

    /// <summary>Bits of a gap below the cap: <see cref="GapCap"/> = 2^12 - 1.</summary>
    private const int GapBits = 12;

    /// <summary>Does not compile (a negative constant cast to uint) if a reader's constant reaches the cap.</summary>
    private const uint GapCapAboveReaders = (uint)(GapCap - 1 - Buckets) + (uint)(GapCap - 1 - MaxAtrBars) + (uint)(GapCap - 1 - MaxEmaCloses) + (uint)((1 << GapBits) - 1 - GapCap);

    /// <summary>The bits of each window's bucket index, k and the stored bucket (by prefix), for the registers' reset.</summary>
    private readonly Dictionary<string, int> _bucketBits = [];

    /// <summary>The stored bucket's reset value, at its width.</summary>
    private string BucketZero(string p) => $"{_bucketBits[p]}'d0";

    /// <summary>
    /// The window's view of its bucket clock: k is the event's bucket (BucketClocks: kept exactly
    /// as time moves, no division); "ahead" (k > bucket) is read from the borrow and the zero test of
    /// the one subtraction k - bucket; gap = buckets time moved on, exact up to <see cref="GapCap"/> and saturated
    /// there: every reader compares it with a constant below the cap (32 buckets, N &lt;= 256 atr
    /// bars, 664 ema closes) or reads its low bits only when it is below such a constant, so the
    /// readers' comparisons narrow to 12 bits; now = the current bucket, whose low 5 bits are its
    /// ring slot. k, the stored bucket, now and since are as wide as the clock's k (BucketClocks.Bits:
    /// k &lt;= floor((2^63 - 1) / w)), and at least 13 bits so the gap's saturation test has a bit to read
    /// (zeros above k's bits: exact). The gap stays a 64-bit wire for its readers, its bits above 12 constant 0.
    /// The width arguments name what the clock divides by (BucketClocks plans the same widths).
    /// </summary>
    private void Clock(string p, IrValue window, string widthDivisor, string what)
    {
        _ = (window, widthDivisor);
        var kBits = Clocks.Bits(p);
        var bits = Math.Max(kBits, GapBits + 1);
        _bucketBits[p] = bits;
        var k = kBits == bits ? Clocks.EventBucket(p) : $"{{{bits - kBits}'d0, {Clocks.EventBucket(p)}}}";
        Line($"reg        {p}_started;");
        Line($"reg [{bits - 1}:0] {p}_bucket;   // a k: below 2^{kBits}");
        Line($"wire [{bits - 1}:0] {p}_k = {k};   // the event's bucket index ({what}), kept by its bucket clock: k <= floor((2^63 - 1) / w) < 2^{kBits}");
        Line($"wire [{bits}:0] {p}_since = {{1'b0, {p}_k}} - {{1'b0, {p}_bucket}};   // bit {bits}: the borrow, k < bucket");
        Line($"wire        {p}_ahead = {p}_started && !{p}_since[{bits}] && {p}_since[{bits - 1}:0] != {bits}'d0;");
        Line($"wire [63:0] {p}_gap = !{p}_ahead ? 64'd0 : ({p}_since[{bits - 1}:{GapBits}] != {bits - GapBits}'d0) ? 64'd{GapCap} : {{{64 - GapBits}'d0, {p}_since[{GapBits - 1}:0]}};   // saturated at {GapCap}");
        Line($"wire [{bits - 1}:0] {p}_now = ({p}_ahead || !{p}_started) ? {p}_k : {p}_bucket;");
    }
}
