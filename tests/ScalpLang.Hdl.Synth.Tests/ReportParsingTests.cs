namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>The report's numbers as yosys 0.23, nextpnr-ice40 0.4 and icetime print them (excerpts of real logs).</summary>
public sealed class ReportParsingTests
{
    private const string YosysLog = """
        2.47. Printing statistics.

        === LevelsAndWrap ===

           Number of wires:                792
           Number of memories:               0
           Number of processes:              0
           Number of cells:               2200
             SB_CARRY                      230
             SB_DFF                         88
             SB_DFFESR                     530
             SB_DFFESS                       2
             SB_DFFSR                        3
             SB_LUT4                      1347
             SB_RAM40_4K                     2

        2.48. Executing CHECK pass (checking for obvious problems).
        """;

    private const string NextpnrLog = """
        Info: Device utilisation:
        Info: 	         ICESTORM_LC:  1483/ 7680    19%
        Info: 	        ICESTORM_RAM:     2/   32     6%
        Info: 	               SB_IO:    30/  206    14%
        Info: 	               SB_GB:     6/    8    75%
        Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 61.02 MHz (PASS at 12.00 MHz)
        Info: Device utilisation:
        Info: 	         ICESTORM_LC:  1490/ 7680    19%
        Info: 	        ICESTORM_RAM:     2/   32     6%
        Info: 	               SB_IO:    30/  206    14%
        Info: Max frequency for clock 'clk$SB_IO_IN_$glb_clk': 58.49 MHz (FAIL at 100.00 MHz)
        """;

    [Fact]
    public void Yosys_cells_of_the_last_statistics_block()
    {
        var stats = YosysStatistics.Parse("=== earlier ===\n   Number of cells: 3\n     SB_LUT4 3\n\n" + YosysLog);
        Assert.Equal(new YosysStatistics(Luts: 1347, FlipFlops: 88 + 530 + 2 + 3, Carries: 230, RamBlocks: 2, DspBlocks: 0), stats);
        Assert.Null(YosysStatistics.Parse("no statistics here"));
    }

    [Fact]
    public void Nextpnr_last_fmax_and_utilisation()
    {
        var r = NextpnrResult.Parse(NextpnrLog);
        Assert.Equal(58.49, r.FmaxMhz);
        Assert.False(r.TimingMet);
        Assert.Equal((1490, 7680, 30, 206, 2, 0), (r.LogicCells, r.LogicCellsAvailable, r.IoUsed, r.IoAvailable, r.RamUsed, r.DspUsed));
        Assert.Null(NextpnrResult.Parse("Info: no clock").FmaxMhz);
    }

    [Fact]
    public void Icetime_total_path()
    {
        Assert.Equal(106.27, IcetimeResult.ParseMhz("Report for critical path:\n...\nTotal number of logic levels: 9\nTotal path delay: 9.41 ns (106.27 MHz)\n"));
        Assert.Null(IcetimeResult.ParseMhz("icetime: error"));
    }

    [Fact]
    public void Latency_in_ns_at_fmax()
    {
        var report = new SynthReport("S", "S_top", IceDevice.Hx8k, "ct256", new YosysStatistics(1, 1, 0, 0, 0),
            NextpnrResult.Parse(NextpnrLog), null, 12, 3, 6, [], TimeSpan.Zero, TimeSpan.Zero, null);
        Assert.Equal(3 * 1000 / 58.49, report.ModuleLatencyNs!.Value, 9);
        Assert.Equal(6 * 1000 / 58.49, report.WrappedLatencyNs!.Value, 9);
        Assert.Contains("\"fmax_mhz\": 58.49", SynthReportText.Json(report), StringComparison.Ordinal);
    }
}
