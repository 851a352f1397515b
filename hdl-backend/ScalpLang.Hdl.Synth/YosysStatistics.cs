using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// The iCE40 cells of a synthesized design, read from the last statistics block yosys prints
/// (<c>synth_ice40</c> ends with <c>stat</c>): LUT4s, flip-flops (every SB_DFF* variant), carry
/// cells, block RAMs (SB_RAM40_4K, and up5k's SPRAM) and DSPs (SB_MAC16).
/// </summary>
public sealed partial record YosysStatistics(int Luts, int FlipFlops, int Carries, int RamBlocks, int DspBlocks)
{
    /// <summary>The statistics of the log's last <c>Number of cells</c> block, or null when it has none.</summary>
    public static YosysStatistics? Parse(string log)
    {
        var start = log.LastIndexOf("Number of cells:", StringComparison.Ordinal);
        if (start < 0)
            return null;
        int luts = 0, ffs = 0, carries = 0, ram = 0, dsp = 0;
        foreach (var line in log[start..].Split('\n').Skip(1))
        {
            var m = CellLine().Match(line);
            if (!m.Success)
                break;
            var count = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var cell = m.Groups[1].Value;
            if (cell == "SB_LUT4")
                luts += count;
            else if (cell.StartsWith("SB_DFF", StringComparison.Ordinal))
                ffs += count;
            else if (cell == "SB_CARRY")
                carries += count;
            else if (cell is "SB_RAM40_4K" or "SB_SPRAM256KA")
                ram += count;
            else if (cell == "SB_MAC16")
                dsp += count;
        }
        return new YosysStatistics(luts, ffs, carries, ram, dsp);
    }

    [GeneratedRegex(@"^\s+(\$?[A-Za-z0-9_$]+)\s+(\d+)\s*$")]
    private static partial Regex CellLine();
}
