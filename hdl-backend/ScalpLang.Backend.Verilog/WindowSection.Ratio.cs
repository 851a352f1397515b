namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>
    /// Set when every reader of this window's ratio compares it with a build-time value
    /// (QuotientComparisons.FindWindowRatios): the comparisons read the totals without dividing
    /// (WindowRatioComparison), so the divider and the value are built for the testbench's dump only.
    /// </summary>
    public bool RatioForDumpOnly { get; init; }

    /// <summary>The ratio of the totals <c>{p}_total_a</c> / <c>_b</c> at their lanes' scales: Q.Div, in synthesis too unless <see cref="RatioForDumpOnly"/>.</summary>
    private void Ratio(string p, SumAmount[] amounts, string value)
    {
        var (a, b) = (amounts[0], amounts[1]);
        if (!RatioForDumpOnly)
        {
            Divide(p, a, $"{p}_total_a", b, $"{p}_total_b", value);
            return;
        }
        // yosys defines SYNTHESIS, simulators do not.
        v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads the ratio");
        Divide(p, a, $"{p}_total_a", b, $"{p}_total_b", value);
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        v.Append("`endif\n");
    }
}
