using System.Globalization;
using System.Text;
using ScalpLang.Hdl.CoSim;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp sim --timings</c>: one line per phase after the usual output, so a slow co-simulation
/// says whether the data, the host, the tape, the simulator's build or its run is the cost.
/// </summary>
internal static class SimTimings
{
    public static string Format(CoSimulation.Timings phases, TimeSpan dataExport, string simulator, TimeSpan total)
    {
        var text = new StringBuilder("timings:\n");
        void Line(string phase, TimeSpan time, string note = "") =>
            text.Append(CultureInfo.InvariantCulture, $"  {phase,-26}{time.TotalSeconds,8:F2} s{note}\n");
        Line("data -> tape", dataExport);
        Line("emit (Verilog + IL)", phases.Emit);
        Line("IL host run", phases.Il);
        Line(simulator == "verilator" ? "simulator tape (binary)" : "simulator tape (hex)", phases.TapeWrite);
        Line(simulator + " build", phases.SimulatorBuild, simulator == "verilator" ? (phases.BuildCached ? "  (from the build cache)" : "  (built, now cached)") : "");
        Line("simulation", phases.SimulatorRun);
        Line("compare", phases.Compare);
        Line("total (the whole command)", total);
        return text.ToString();
    }
}
