using System.Collections.Immutable;
using System.Globalization;
using ScalpLang.Backend.Verilog;
using System.Text.RegularExpressions;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// What the host owes the wrapper (<see cref="NarrowTop"/>): idle cycles on rx_strobe after some
/// records' last byte, from the module's input contract in its header (CLOCK_IDLE, FILL_IDLE and
/// FILL_LATENCY localparams). The next record's 16 bytes take 16 cycles and its assembly one more,
/// so the host owes idle - 15 cycles of a module's idle; and a Fill record's decision, FILL_LATENCY -
/// LATENCY cycles later than another record's, must have its frame out before the next record's
/// frame starts (a frame is 14 cycles, records at least 16 apart). The module's record interval R
/// (RECORD_INTERVAL, at most 16) costs nothing after other records, whose bytes already keep them
/// 17 cycles apart; after a Clock or Fill record it counts from the record's evaluation, so the
/// larger of the rule's wait and R - 1 after the evaluation is owed (RecordIdleContract.IdleAfter).
/// </summary>
public sealed partial record HostContract(ImmutableArray<HostContract.Idle> IdleAfter)
{
    /// <param name="Op">the record's op.</param>
    /// <param name="Cycles">rx_strobe stays low at least this many cycles after its last byte.</param>
    /// <param name="Why">the module's contract it comes from, for the top's header.</param>
    public sealed record Idle(int Op, int Cycles, string Why);

    public static HostContract None { get; } = new([]);

    public static HostContract Of(string moduleText)
    {
        ArgumentNullException.ThrowIfNull(moduleText);
        var idles = ImmutableArray.CreateBuilder<Idle>();
        var interval = RecordIdleContract.IntervalOf(moduleText);
        var stated = interval > 1 ? $" (RECORD_INTERVAL = {Dec(interval)} counted from its evaluation)" : "";
        if (Localparam(moduleText, "CLOCK_IDLE") is { } clockIdle)
            idles.Add(new Idle(5, AfterBytes(Math.Max(clockIdle, RecordIdleContract.IdleAfterOther(interval))),
                $"the module's CLOCK_IDLE = {Dec(clockIdle)}{stated}: a Clock record means no market record for 4.29 s or more"));
        if (Localparam(moduleText, "FILL_IDLE") is { } fillIdle
            && Localparam(moduleText, "FILL_LATENCY") is { } fillLatency && Localparam(moduleText, "LATENCY") is { } latency)
        {
            var frameBeforeNext = fillLatency - latency + NarrowTop.FrameWords - NarrowTop.RecordBytes;
            var moduleIdle = Math.Max(fillIdle, fillLatency - latency + RecordIdleContract.IdleAfterOther(interval));
            idles.Add(new Idle(6, Math.Max(AfterBytes(moduleIdle), frameBeforeNext),
                $"the module's FILL_IDLE = {Dec(fillIdle)}{stated}, and its decision FILL_LATENCY - LATENCY = {Dec(fillLatency - latency)} cycles late leaves its frame before the next one"));
        }
        return new HostContract(idles.ToImmutable());
    }

    /// <summary>Idle cycles the host owes after a record's last byte so that the module's in_valid stays low <paramref name="moduleIdle"/> cycles.</summary>
    public static int AfterBytes(int moduleIdle) => Math.Max(0, moduleIdle - (NarrowTop.RecordBytes - 1));

    private static int? Localparam(string moduleText, string name) =>
        LocalparamPattern().Matches(moduleText).FirstOrDefault(m => m.Groups[1].Value == name) is { } m
            ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;

    private static string Dec(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"localparam\s+integer\s+([A-Z_]+)\s*=\s*(\d+)\s*;")]
    private static partial Regex LocalparamPattern();
}
