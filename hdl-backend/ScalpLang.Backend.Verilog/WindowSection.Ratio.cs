namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>
    /// Set when every reader of this window's ratio compares it with a build-time value
    /// (QuotientComparisons.FindWindowRatios): the comparisons read the totals without dividing
    /// (WindowRatioComparison), so the divider and the value are built for the testbench's dump only.
    /// </summary>
    public bool RatioForDumpOnly { get; init; }

    /// <summary>The ratio of two totals: Q.Div, in synthesis too unless <see cref="RatioForDumpOnly"/>.</summary>
    private void Ratio(string p, string a, string b, string value)
    {
        if (!RatioForDumpOnly)
        {
            Divide(p, a, b, value);
            return;
        }
        // yosys defines SYNTHESIS, simulators do not.
        v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads the ratio");
        Divide(p, a, b, value);
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        v.Append("`endif\n");
    }
}
