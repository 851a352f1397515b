using System.Collections.Immutable;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module's input contract on idle cycles: after some records in_valid stays low a fixed number
/// of cycles while the module finishes them sequentially (each module states the ones it needs as
/// localparams and checks them in simulation). Testbenches and harnesses honour every rule, for any
/// module: idle cycles change no decision.
/// </summary>
public static class RecordIdleContract
{
    /// <param name="Record">the record's name.</param>
    /// <param name="Op">its op (docs/tape.md).</param>
    /// <param name="Cycles">in_valid stays low this many cycles after it.</param>
    /// <param name="Name">the module's localparam.</param>
    /// <param name="Why">what the module does meanwhile.</param>
    public sealed record Rule(string Record, int Op, int Cycles, string Name, string Why);

    public static ImmutableArray<Rule> Rules { get; } =
    [
        new("Clock", 5, BucketClocks.IdleCycles, "CLOCK_IDLE", "the bucket clocks divide its delta"),
        new("Fill", 6, PortfolioFillEngine.IdleCycles, "FILL_IDLE", "the portfolio applies it"),
    ];
}
