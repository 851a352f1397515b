using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module's input contract on idle cycles. Per record: after some records in_valid stays low a
/// fixed number of cycles while the module finishes them sequentially (<see cref="Rules"/>). Per
/// module: the record interval R (RECORD_INTERVAL), in_valid high at most once every R cycles, so
/// sections may finish an evaluation's work before the next one. Each module states the ones it
/// needs as localparams and checks them in simulation; testbenches and harnesses honour every rule
/// for any module and the module's own interval (<see cref="IdleAfter"/>): idle cycles change no decision.
/// </summary>
public static partial class RecordIdleContract
{
    /// <param name="Record">the record's name.</param>
    /// <param name="Op">its op (docs/tape.md).</param>
    /// <param name="Cycles">in_valid stays low this many cycles after it.</param>
    /// <param name="Name">the module's localparam.</param>
    /// <param name="Why">what the module does meanwhile.</param>
    /// <param name="EvaluationDelay">
    /// cycles by which the record's evaluation comes late (an EndOfEvent Fill record is evaluated
    /// once the fill engine is done): the interval counts from the evaluation, so that evaluations
    /// too stay R cycles apart.
    /// </param>
    public sealed record Rule(string Record, int Op, int Cycles, string Name, string Why, int EvaluationDelay = 0);

    public static ImmutableArray<Rule> Rules { get; } =
    [
        new("Clock", 5, BucketClocks.IdleCycles, "CLOCK_IDLE", "the bucket clocks divide its delta"),
        new("Fill", 6, PortfolioFillEngine.IdleCycles, "FILL_IDLE", "the portfolio applies it", PortfolioFillEngine.Steps),
    ];

    /// <summary>The module's localparam stating R (absent at R = 1).</summary>
    public const string IntervalName = "RECORD_INTERVAL";

    /// <summary>What the simulation-only check prints (the start of the line) when a record comes inside the interval.</summary>
    public const string IntervalViolationReport = "ERROR: a tape record came inside the record interval";

    /// <summary>Idle cycles after a record that no rule names, at record interval <paramref name="interval"/>.</summary>
    public static int IdleAfterOther(int interval) => interval - 1;

    /// <summary>
    /// Idle cycles after a record of <paramref name="rule"/>'s op at record interval
    /// <paramref name="interval"/>: the larger of the rule's own wait and the interval counted from
    /// its evaluation. At R = 1 the rule's wait (a rule's delay never exceeds its wait).
    /// </summary>
    public static int IdleAfter(Rule rule, int interval) => Math.Max(rule.Cycles, rule.EvaluationDelay + IdleAfterOther(interval));

    /// <summary>R stated by a module's text (its RECORD_INTERVAL localparam), 1 when it states none.</summary>
    public static int IntervalOf(string moduleText)
    {
        ArgumentNullException.ThrowIfNull(moduleText);
        var m = IntervalPattern().Match(moduleText);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
    }

    [GeneratedRegex(@"localparam\s+integer\s+RECORD_INTERVAL\s*=\s*(\d+)\s*;")]
    private static partial Regex IntervalPattern();

    /// <summary>The module's localparam stating the idle cycles after reset before the first record (absent: none).</summary>
    public const string ResetIdleName = "RESET_IDLE";

    /// <summary>The idle cycles after reset a module's text states (its RESET_IDLE localparam), 0 when it states none.</summary>
    public static int ResetIdleOf(string moduleText)
    {
        ArgumentNullException.ThrowIfNull(moduleText);
        var m = ResetIdlePattern().Match(moduleText);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"localparam\s+integer\s+RESET_IDLE\s*=\s*(\d+)\s*;")]
    private static partial Regex ResetIdlePattern();
}
