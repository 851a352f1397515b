using System.Collections.Immutable;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Which windows keep their buckets in block RAM (WindowSumRing, WindowSampleRing) rather than flip-flops:
/// the sums, the means, atr's ring (WindowSection.Atr) and, when the record interval gives their update
/// time, drawdown's suffix maxima (DrawdownRamRing). zscore (its squares) stays in registers. A RAM
/// window's value comes from a registered read, so it is ready one cycle after the evaluation
/// (pipeline stage 1). A window that another window or a peak since entry reads (ema over a
/// cancel rate) stays in registers: the reader's state takes the value in the evaluation cycle.
/// </summary>
internal static class WindowStorage
{
    /// <summary>The sum windows (grammar/README.md §7 rule 2): a cumulative sum and a ring of its past values.</summary>
    public static bool IsSum(IrWindowKind kind) =>
        kind is IrWindowKind.TradeVolume or IrWindowKind.AggressorRatio or IrWindowKind.CancelRate or IrWindowKind.Vwap;

    /// <summary>The means over bucket samples (rule 4): a prefix sum and a ring of its past values (WindowSampleRing).</summary>
    public static bool IsMean(IrWindowKind kind) => kind is IrWindowKind.Sma or IrWindowKind.AvgDepth;

    /// <summary>atr: a ring of running-sum values, its mean a long division of the registered sum and count (WindowSection.Atr).</summary>
    public static bool IsAtr(IrWindowKind kind) => kind is IrWindowKind.Atr;

    /// <param name="interval">the record interval R: drawdown's suffix maxima are in block RAM when R gives their update time (WindowSection.DrawdownBanks).</param>
    public static ImmutableHashSet<int> InBlockRam(IrProgram program, IReadOnlyList<bool> used, int interval)
    {
        // Everything a stateful node reads in the evaluation cycle, transitively.
        var readByState = new HashSet<int>();
        var pending = new Stack<int>(program.Nodes.Where(n => used[n.Id] && n is IrWindow or IrPeakSinceEntry)
            .SelectMany(n => n is IrWindow w ? (w.Operand is { } o ? [o] : []) : n.Operands).Select(o => o.Id));
        while (pending.TryPop(out var id))
        {
            if (!readByState.Add(id))
                continue;
            foreach (var operand in program.Nodes[id] is IrWindow w ? (w.Operand is { } o ? [o] : []) : program.Nodes[id].Operands)
                pending.Push(operand.Id);
        }
        return [.. program.Nodes.OfType<IrWindow>().Where(w => used[w.Id] && (IsSum(w.Kind) || IsMean(w.Kind) || IsAtr(w.Kind) || (w.Kind == IrWindowKind.Drawdown && WindowSection.DrawdownBanks(interval) > 0)) && !readByState.Contains(w.Id)).Select(w => w.Id)];
    }
}
