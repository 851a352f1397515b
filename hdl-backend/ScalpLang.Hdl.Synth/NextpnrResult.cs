using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// What nextpnr-ice40's log says about a placed and routed design: the clock's maximum frequency
/// (its last "Max frequency for clock" line, after routing), whether it met the target, and the
/// device utilisation (logic cells, block RAM, I/O, DSP).
/// </summary>
public sealed partial record NextpnrResult(double? FmaxMhz, bool? TimingMet, int LogicCells, int LogicCellsAvailable, int IoUsed, int IoAvailable, int RamUsed, int DspUsed)
{
    public static NextpnrResult Parse(string log)
    {
        double? fmax = null;
        bool? met = null;
        foreach (Match m in MaxFrequency().Matches(log))
        {
            fmax = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            met = m.Groups[2].Value == "PASS";
        }
        var (lc, lcAll) = Use(log, "ICESTORM_LC");
        var (io, ioAll) = Use(log, "SB_IO");
        var (ram, _) = Use(log, "ICESTORM_RAM");
        var (dsp, _) = Use(log, "ICESTORM_DSP");
        return new NextpnrResult(fmax, met, lc, lcAll, io, ioAll, ram, dsp);
    }

    /// <summary>The last "Info:   CELL:  used/ available" line of a utilisation block.</summary>
    private static (int Used, int Available) Use(string log, string cell)
    {
        var last = UseLine().Matches(log).LastOrDefault(m => m.Groups[1].Value == cell);
        return last is null ? (0, 0) : (int.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Max frequency for clock\s+'[^']*':\s+([0-9.]+) MHz \((PASS|FAIL) at")]
    private static partial Regex MaxFrequency();

    [GeneratedRegex(@"Info:\s+([A-Z0-9_]+):\s+(\d+)/\s*(\d+)\s+\d+%")]
    private static partial Regex UseLine();
}
