using System.Collections.Immutable;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The evaluation folded over the record interval (hdl-backend/README.md, "The evaluation over the
/// interval"). At RECORD_INTERVAL = R the next evaluation comes R cycles after this one at the
/// soonest, so what the evaluation holds at stage 1 (a block RAM window's registers, the values
/// carried from stage 0, each loaded once per evaluation) stays put for R - 1 cycles. The decision
/// then waits K more cycles after stage 1 (LATENCY = 4 + K) and a sequential unit may compute one
/// of its values over them from those registers: atr's mean, a long division of 47 rows, becomes a
/// few rows a cycle (WindowSection.Atr). K &lt;= R - 1: the decision reads the stage-1 registers
/// in the cycle before the next evaluation loads them.
/// Only the unpipelined module with a block RAM stage folds (stages = 1): a pipelined one's later
/// stages would need the same hold.
/// </summary>
internal static class EvaluationFold
{
    /// <summary>The rows of atr's mean: one per quotient bit (a last_price value's bits).</summary>
    public const int AtrMeanRows = BookSection.LastPriceBits;

    /// <summary>The longest fold the interval allows after stage 1, or 0: the unit needs a load cycle and a step.</summary>
    public static int Budget(int interval, int pipeline, int stages) =>
        interval > 1 && pipeline == 0 && stages == 1 && interval - stages >= 2 ? interval - stages : 0;

    /// <summary>Rows a cycle so that <paramref name="rows"/> take at most <paramref name="budget"/> - 1 steps (the load is one cycle).</summary>
    public static int RowsPerStep(int rows, int budget) => (rows + budget - 2) / (budget - 1);

    /// <summary>Steps of <see cref="RowsPerStep"/> rows each.</summary>
    public static int Steps(int rows, int budget)
    {
        var perStep = RowsPerStep(rows, budget);
        return (rows + perStep - 1) / perStep;
    }

    /// <summary>Cycles the decision waits after stage 1: the longest unit's load and steps, 0 when nothing folds.</summary>
    public static int Cycles(IrProgram program, IReadOnlyList<bool> used, ImmutableHashSet<int> ramWindows, int budget)
    {
        if (budget == 0)
            return 0;
        var atrInRam = program.Nodes.OfType<IrWindow>().Any(w => used[w.Id] && w.Kind == IrWindowKind.Atr && ramWindows.Contains(w.Id));
        return atrInRam ? 1 + Steps(AtrMeanRows, budget) : 0;
    }
}
