namespace ScalpLang.Backend.Verilog;

internal sealed partial class WindowSection
{
    /// <summary>
    /// (peak - equity) / peak over the held equity samples; 0 when peak &lt;= 0 (DrawdownWindow).
    /// Writes <c>{p}_peak</c> and <c>{p}_fall</c> (peak - equity, wrapping), which a comparison with
    /// a build-time value reads instead of the value (DrawdownComparison); the divider is then
    /// built for the testbench's dump only (<see cref="RatioForDumpOnly"/>).
    /// </summary>
    private void Drawdown(string p, string value)
    {
        // The current slot (this event's equity) is always held; the peak starts there.
        var peak = $"{p}_sample";
        for (var j = 0; j < Buckets; j++)
        {
            Line($"wire signed [63:0] {p}_peak_{j} = ({p}_held[{j}] && {p}_s_next_{j} > {peak}) ? {p}_s_next_{j} : {peak};");
            peak = $"{p}_peak_{j}";
        }
        Line($"wire signed [63:0] {p}_peak = {peak};");
        Line($"wire signed [63:0] {p}_fall = {p}_peak - {p}_sample;");
        if (!RatioForDumpOnly)
        {
            Divide(p, $"{p}_fall", $"{p}_peak", $"{p}_ratio");
            Value(value, $"({p}_peak <= 64'sd0) ? 64'sd0 : {p}_ratio");
            return;
        }
        // yosys defines SYNTHESIS, simulators do not.
        v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads the ratio");
        Divide(p, $"{p}_fall", $"{p}_peak", $"{p}_ratio");
        Value(value, $"({p}_peak <= 64'sd0) ? 64'sd0 : {p}_ratio");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        v.Append("`endif\n");
    }
}
