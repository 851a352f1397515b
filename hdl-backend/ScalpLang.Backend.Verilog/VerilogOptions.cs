namespace ScalpLang.Backend.Verilog;

/// <summary>Choices the IR does not fix.</summary>
/// <param name="BookLevels">
/// Levels per side the module's book keeps: the tape's N (docs/tape.md). A delete moves the level
/// below up, so the book must be as deep as the feed it replays, not only as deep as the strategy
/// reads. Null: the strategy's <c>book depth</c>.
/// </param>
/// <param name="SourceName">The file name cited in the header (no absolute paths in goldens).</param>
/// <param name="TestbenchParams">Raw values the testbench passes to the module's parameters (by .scalp name).</param>
/// <param name="CapitalTickLots">
/// The account's capital in tick-lots (the module's CAPITAL_TICK_LOTS, for equity and drawdown):
/// null gives the backtest's default, 100,000 in the declared instrument's currency.
/// </param>
/// <param name="PipelineStages">
/// Register stages added inside the evaluation (0..16; <see cref="PipelinePlan"/>): the decision
/// values are cut by estimated delay, and the latency grows by this many cycles.
/// </param>
/// <param name="RecordInterval">
/// R, the module's record interval (1..16; <see cref="RecordIdleContract"/>): in_valid is high at most
/// once every R cycles, so sections may finish a record's work over the R - 1 idle cycles after it
/// (drawdown's suffix maxima). 1: one record per cycle, the module as without the option.
/// </param>
/// <param name="Core">
/// Parallel (the default): every operator its own hardware, a record a cycle. Sequential: the
/// strategy as a program of the sequential core (hdl-backend/README.md, "The sequential core"):
/// a fixed area, thousands of cycles a record (LATENCY and RECORD_INTERVAL from the program's
/// longest paths); params module parameters, but those a window or a depth is built from fixed at build; PipelineStages and RecordInterval do not apply.
/// </param>
public sealed record VerilogOptions(int? BookLevels = null, string? SourceName = null, IReadOnlyDictionary<string, long>? TestbenchParams = null,
    long? CapitalTickLots = null, int PipelineStages = 0, int RecordInterval = 1, HdlCore Core = HdlCore.Parallel)
{
    public static VerilogOptions Default { get; } = new();

    /// <summary>The most pipeline stages the option takes.</summary>
    public const int MaxPipelineStages = 16;

    /// <summary>The longest record interval the option takes: the narrow top's 16 bytes a record.</summary>
    public const int MaxRecordInterval = 16;

    /// <summary>The option's description, for every command that takes <c>--core</c>.</summary>
    public const string CoreDescription = "parallel (default): every operator its own hardware, a record a cycle; sequential: the strategy as a program of the sequential core (a fixed area, a LATENCY and a RECORD_INTERVAL of thousands of cycles; a window's or a depth's params fixed at build)";

    /// <summary>A <c>--core</c> value: the datapath, or null and what is wrong.</summary>
    public static HdlCore? ParseCore(string name, out string? error)
    {
        error = null;
        switch (name)
        {
            case "parallel": return HdlCore.Parallel;
            case "sequential": return HdlCore.Sequential;
            default:
                error = $"--core {name}: give parallel or sequential";
                return null;
        }
    }

    /// <summary>
    /// What is wrong with a <c>--pipeline</c> and <c>--interval</c> pair as the commands take them
    /// (one message per option, naming it), or null when both are in range.
    /// </summary>
    public static string? CheckStagesAndInterval(int pipelineStages, int recordInterval) =>
        pipelineStages is < 0 or > MaxPipelineStages ? $"--pipeline {pipelineStages}: give 0..{MaxPipelineStages} register stages"
        : recordInterval is < 1 or > MaxRecordInterval ? $"--interval {recordInterval}: give 1..{MaxRecordInterval} cycles a record"
        : null;
}

/// <summary>Which datapath the Verilog target builds (<see cref="VerilogOptions.Core"/>).</summary>
public enum HdlCore
{
    Parallel,
    Sequential,
}
