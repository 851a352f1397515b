using ScalpLang.Backend.Verilog;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>
/// The idle byte slots the narrow top's host owes, read from the imbalance scalper's header and worked
/// out by hand from the contract (docs/tape.md, "Idle cycles"; hdl-backend/README.md, "The record
/// interval"): the next record's 16 bytes and its assembly already keep in_valid low 15 cycles.
/// </summary>
public sealed class HostContractTests
{
    [Fact]
    public void At_one_record_per_cycle_the_fill_frame_sets_the_wait()
    {
        var host = HostContract.Of(Module(interval: 1));
        // Clock: CLOCK_IDLE 67 - 15 = 52. Fill: FILL_IDLE 49 - 15 = 34, but the fill's decision frame
        // (49 cycles late, 14 words) must leave before the next record's: 49 + 14 - 16 = 47.
        Assert.Equal(52, Slots(host, op: 5));
        Assert.Equal(47, Slots(host, op: 6));
    }

    [Fact]
    public void At_interval_16_a_fill_waits_for_the_interval_after_its_late_evaluation()
    {
        var host = HostContract.Of(Module(interval: 16));
        // Clock: CLOCK_IDLE 67 already exceeds R - 1 = 15 after it: 52. Fill: evaluated 49 cycles after
        // the record, then R - 1 = 15 more: in_valid low 64 cycles, 64 - 15 = 49 slots (above the frame's 47).
        Assert.Equal(52, Slots(host, op: 5));
        Assert.Equal(49, Slots(host, op: 6));
    }

    private static int Slots(HostContract host, int op) => Assert.Single(host.IdleAfter, i => i.Op == op).Cycles;

    private static string Module(int interval)
    {
        var emitted = VerilogBackend.Emit(Repo.Lower(Path.Combine(Repo.Root, "examples", "imbalance_scalper.scalp")), new VerilogOptions(RecordInterval: interval));
        Assert.NotNull(emitted.Module);
        return emitted.Module!;
    }
}
