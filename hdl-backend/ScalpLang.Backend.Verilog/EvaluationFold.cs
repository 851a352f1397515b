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

    /// <summary>The remainder rows of a drawdown comparison's wrapped case (DrawdownComparison): one per bit of |fall| &gt;&gt; 48.</summary>
    public const int DrawdownRemainderRows = 16;

    /// <summary>
    /// A sequential unit: <paramref name="Rows"/> rows, loaded <paramref name="Offset"/> cycles after
    /// stage 1 (when what it reads is held: drawdown's peak a cycle later, DrawdownRamRing).
    /// </summary>
    public readonly record struct Unit(int Rows, int Offset);

    /// <summary>The longest fold the interval allows after stage 1, or 0: a unit needs a load cycle and a step.</summary>
    public static int Budget(int interval, int pipeline, int stages) =>
        interval > 1 && pipeline == 0 && stages == 1 && interval - stages >= 2 ? interval - stages : 0;

    /// <summary>
    /// Rows a cycle and steps so that the unit is done within <paramref name="budget"/> cycles after
    /// stage 1: it loads at the end of cycle Offset after stage 1 and runs a step an edge after that.
    /// </summary>
    public static (int PerStep, int Steps) Plan(Unit unit, int budget)
    {
        var room = budget - 1 - unit.Offset;
        if (room < 1)
            throw new ArgumentOutOfRangeException(nameof(budget), budget, $"no room for a unit loaded {unit.Offset} cycles after stage 1");
        var perStep = (unit.Rows + room - 1) / room;
        return (perStep, (unit.Rows + perStep - 1) / perStep);
    }

    /// <summary>Whether the budget leaves the unit a step after its load.</summary>
    public static bool Fits(Unit unit, int budget) => budget - 1 - unit.Offset >= 1;

    /// <summary>Cycles the unit needs after stage 1: its offset, the load, its steps.</summary>
    public static int Need(Unit unit, int budget) => unit.Offset + 1 + Plan(unit, budget).Steps;

    /// <summary>
    /// The evaluation's lead (BookSection's delayed trigger): a unit of <paramref name="rows"/> rows
    /// loaded with the request, when the book and the portfolio hold what the evaluation reads, and
    /// done before the evaluation, which comes lead = 1 + steps cycles later. The state it reads stays
    /// put until the next record's update, R cycles after the request at the soonest, so lead &lt;= R - 1:
    /// steps &lt;= R - 2. Null below R = 3.
    /// </summary>
    public static (int PerStep, int Steps)? PlanLead(int interval, int rows)
    {
        if (interval < 3)
            return null;
        var room = interval - 2;
        var perStep = (rows + room - 1) / room;
        return (perStep, (rows + perStep - 1) / perStep);
    }

    /// <summary>Cycles the decision waits after stage 1: the longest unit's need, 0 when nothing folds.</summary>
    public static int Cycles(IEnumerable<Unit> units, int budget) =>
        budget == 0 ? 0 : units.Where(u => Fits(u, budget)).Select(u => Need(u, budget)).DefaultIfEmpty(0).Max();
}
