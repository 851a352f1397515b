using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>The flow with the real tools on a small strategy, and its clear errors when a tool is missing.</summary>
public sealed class SynthFlowTests
{
    [Fact]
    [Trait("Category", "Simulator")]
    public void Yosys_and_nextpnr_report_cells_fmax_and_latency()
    {
        var program = Repo.Lower(Repo.Golden("03-levels-param-and-wrap"));
        var emitted = VerilogBackend.Emit(program);
        var dir = Repo.Scratch("flow");

        var outcome = SynthFlow.Run(emitted.ModuleName, emitted.Module!, FullWidthValues.Find(program), new SynthOptions(IceDevice.Hx8k, dir, Timeout: TimeSpan.FromMinutes(5)));

        Assert.True(outcome.Report is not null, $"{outcome.Tool}: {outcome.Error} ({outcome.LogPath})");
        var r = outcome.Report!;
        Assert.True(r.Cells.Luts > 0 && r.Cells.FlipFlops > 0 && r.Cells.Carries > 0, SynthReportText.Text(r));
        Assert.True(r.FmaxMhz is > 1 and < 1000, SynthReportText.Text(r));
        Assert.Equal(NarrowTop.Pins, r.Placement.IoUsed);
        Assert.True(r.Placement.LogicCells >= r.Cells.Luts / 2 && r.Placement.LogicCellsAvailable == 7680, SynthReportText.Text(r));
        Assert.Equal(3, r.ModuleLatencyCycles);
        Assert.Equal(7, r.WrappedLatencyCycles);
        Assert.Contains(r.FullWidth, v => v.Why == "param 'scale' declares no range");
        Assert.True(File.Exists(Path.Combine(dir, "LevelsAndWrap_top.asc")));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_missing_yosys_is_named()
    {
        var empty = Repo.Scratch("no-tools");
        var outcome = SynthFlow.Run("M", "localparam integer LATENCY = 3;", [], new SynthOptions(IceDevice.Hx8k, empty, SearchPath: empty));
        Assert.Null(outcome.Report);
        Assert.Equal("yosys", outcome.Tool);
        Assert.Equal("yosys is not installed (test.sh installs it: apt-get install yosys)", outcome.Error);
        Directory.Delete(empty, recursive: true);
    }

    [Fact]
    public void A_missing_icepack_is_named_when_a_bitstream_is_asked_for()
    {
        var tools = Repo.Scratch("some-tools");
        foreach (var tool in new[] { "yosys", "nextpnr-ice40" })
            File.CreateSymbolicLink(Path.Combine(tools, tool), "/bin/true");
        var outcome = SynthFlow.Run("M", "localparam integer LATENCY = 3;", [],
            new SynthOptions(IceDevice.Up5k, tools, PcfPath: "board.pcf", BitstreamPath: "out.bin", SearchPath: tools));
        Assert.Equal("icepack", outcome.Tool);
        Assert.Equal("icepack is not installed (test.sh installs it: apt-get install fpga-icestorm)", outcome.Error);
        Directory.Delete(tools, recursive: true);
    }

    [Fact]
    public void A_failing_tool_is_named_with_its_log()
    {
        var tools = Repo.Scratch("failing-tools");
        File.CreateSymbolicLink(Path.Combine(tools, "yosys"), "/bin/false");
        File.CreateSymbolicLink(Path.Combine(tools, "nextpnr-ice40"), "/bin/true");
        var work = Path.Combine(tools, "work");
        var outcome = SynthFlow.Run("M", "localparam integer LATENCY = 3;", [], new SynthOptions(IceDevice.Hx8k, work, SearchPath: tools));
        Assert.Equal("yosys", outcome.Tool);
        Assert.StartsWith("yosys failed (exit 1)", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(work, "yosys.log"), outcome.LogPath);
        Assert.Contains("exit 1", File.ReadAllText(outcome.LogPath!), StringComparison.Ordinal);
        Directory.Delete(tools, recursive: true);
    }

    [Fact]
    public void A_tool_that_runs_past_the_time_limit_is_stopped_and_named()
    {
        var tools = Repo.Scratch("slow-tools");
        var slow = Path.Combine(tools, "yosys");
        File.WriteAllText(slow, "#!/bin/sh\nsleep 60\n");
        Assert.Equal(0, Repo.Run("chmod", tools, "+x", slow).Exit);
        File.CreateSymbolicLink(Path.Combine(tools, "nextpnr-ice40"), "/bin/true");
        var outcome = SynthFlow.Run("M", "localparam integer LATENCY = 3;", [],
            new SynthOptions(IceDevice.Hx8k, Path.Combine(tools, "work"), Timeout: TimeSpan.FromSeconds(1), SearchPath: tools));
        Assert.Equal("yosys", outcome.Tool);
        Assert.Equal("yosys did not finish within 1 s and was stopped", outcome.Error);
        Directory.Delete(tools, recursive: true);
    }

    [Fact]
    public void A_tool_that_cannot_be_started_is_a_failure_naming_it()
    {
        var tools = Repo.Scratch("unrunnable-tools");
        File.WriteAllText(Path.Combine(tools, "yosys"), "not a program");   // no execute permission
        File.CreateSymbolicLink(Path.Combine(tools, "nextpnr-ice40"), "/bin/true");
        var work = Path.Combine(tools, "work");
        var outcome = SynthFlow.Run("M", "localparam integer LATENCY = 3;", [], new SynthOptions(IceDevice.Hx8k, work, SearchPath: tools));
        Assert.Equal("yosys", outcome.Tool);
        Assert.StartsWith("yosys failed (exit 127): cannot run ", outcome.Error, StringComparison.Ordinal);
        Directory.Delete(tools, recursive: true);
    }
}
