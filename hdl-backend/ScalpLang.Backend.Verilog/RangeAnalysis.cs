using System.Collections.Immutable;
using System.Numerics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Interval analysis over the IR: each node's exact range from the tape's input widths (prices
/// and sizes are int32, and a valid tape has them positive), the params' declared ranges and the
/// operators' definitions (grammar/README.md §6). Wires are sized to the range, so the narrow
/// result equals the IL's 64-bit one by construction; where the exact result can leave 64 bits
/// the IL wraps, and the node is computed at 64 bits the same way. <see cref="Result.FullWidthCauses"/>
/// says which nodes forced 64 bits and why.
/// </summary>
public static class RangeAnalysis
{
    /// <summary>The largest price or size a tape record carries (int32; docs/tape.md).</summary>
    public static readonly BigInteger MaxTapeValue = int.MaxValue;

    private const int FractionBits = 16;

    public sealed record Result(ImmutableArray<ValueRange> Ranges, ImmutableArray<(int Node, string Why)> FullWidthCauses);

    public static Result Infer(IrProgram program, int bookLevels)
    {
        var ranges = new ValueRange[program.Nodes.Length];
        var causes = ImmutableArray.CreateBuilder<(int, string)>();
        foreach (var node in program.Nodes)
        {
            var range = node switch
            {
                _ when node.Type.Kind == TypeKind.Bool => ValueRange.Bool,
                IrConst c => ValueRange.Exactly(c.Raw),
                IrParam p => Param(program.Params[p.Index]),
                IrInput i => Input(i, bookLevels),
                IrOperation o => Operation(o, ranges),
                IrWindow w => Window(w, ranges, bookLevels),
                IrModelScore => new ValueRange(0, 65536),   // a probability, raw 0..1 (grammar/README.md §6.1)
                _ => ValueRange.Full64,
            };
            if (node is IrWindow window && range.SignedWidth == 64)
                causes.Add((node.Id, WindowCause(window.Kind)));
            if (node is IrParam param && range.SignedWidth == 64)
                causes.Add((node.Id, $"param '{program.Params[param.Index].Name}' declares no range"));
            if (range.Wraps)
                causes.Add((node.Id, "its exact value can leave 64 bits, and the IL wraps"));
            ranges[node.Id] = range;
        }
        return new Result([.. ranges], causes.ToImmutable());
    }

    /// <summary>A param can be overridden within its declared range; without one, anything.</summary>
    private static ValueRange Param(IrParamInfo info) =>
        info.Lower is { } lo && info.Upper is { } hi ? new ValueRange(lo, hi) : ValueRange.Full64;

    public static ValueRange Input(IrInput input, int bookLevels) => input.Kind switch
    {
        // A valid tape has positive prices and sizes; an empty side reads 0 (DepthBook).
        IrInputKind.BestBid or IrInputKind.BestAsk => new ValueRange(0, MaxTapeValue << FractionBits, Step: FractionBits),
        IrInputKind.BidDepth or IrInputKind.AskDepth => new ValueRange(0, DepthLevels(input, bookLevels) * MaxTapeValue << FractionBits, Step: FractionBits),
        // A trade's price plus its sub-tick fraction: {price, aux} as one Q47.16 value.
        IrInputKind.LastPrice => new ValueRange(0, (MaxTapeValue << FractionBits) + 0xFFFF),
        // The position contract (PortfolioSection.PositionBound, checked in simulation): |position| <= B
        // lots after every fill, and the entry is 0, a fill's tape price or a truncated average of them.
        IrInputKind.Position => new ValueRange(-(BigInteger)PortfolioSection.PositionBound << FractionBits,
            (BigInteger)PortfolioSection.PositionBound << FractionBits, Step: FractionBits),
        IrInputKind.EntryPrice => new ValueRange(0, MaxTapeValue << FractionBits),
        _ => ValueRange.Full64,
    };

    /// <summary>
    /// A mean of samples (sma, avg_depth) lies within the samples' range, and so does an ema whose
    /// x - e cannot wrap (each close moves e toward x by at most x - e); a true range of trade
    /// prices lies within them. Sums and ratios of sums can take any 64-bit value (they wrap like
    /// the IL's), and so can a z-score or a drawdown ratio.
    /// </summary>
    private static ValueRange Window(IrWindow w, ValueRange[] ranges, int bookLevels)
    {
        switch (w.Kind)
        {
            case IrWindowKind.Sma when w.Operand is { } x:
                return ranges[x.Id] with { Step = 0, Wraps = false };
            case IrWindowKind.Ema when w.Operand is { } x && ranges[x.Id].Hi - ranges[x.Id].Lo <= ValueRange.Max64:
                return ranges[x.Id] with { Step = 0, Wraps = false };
            case IrWindowKind.AvgDepth:
                var levels = w.LevelsParam is null ? Math.Min(w.Levels, bookLevels) : bookLevels;
                return new ValueRange(0, 2 * levels * MaxTapeValue << FractionBits);
            case IrWindowKind.Atr:
                return new ValueRange(0, (MaxTapeValue << FractionBits) + 0xFFFF);
            default:
                return ValueRange.Full64;
        }
    }

    private static string WindowCause(IrWindowKind kind) => kind switch
    {
        IrWindowKind.TradeVolume or IrWindowKind.Vwap or IrWindowKind.CancelRate or IrWindowKind.AggressorRatio => "a window of sums that wrap like the IL's",
        IrWindowKind.Zscore => "a z-score can take any 64-bit value of a quotient",
        IrWindowKind.Drawdown => "a drawdown ratio of equity",
        _ => "a window of samples whose range spans 64 bits",
    };

    /// <summary>The levels a depth input sums: its count, or with a <c>levels:</c> param any count up to the book.</summary>
    public static int DepthLevels(IrInput input, int bookLevels) => input.LevelsParam is null ? Math.Min(input.Levels, bookLevels) : bookLevels;

    private static ValueRange Operation(IrOperation o, ValueRange[] ranges)
    {
        ValueRange A(int i) => ranges[o.Args[i].Id];
        return o.Op switch
        {
            IrOp.Add => new ValueRange(A(0).Lo + A(1).Lo, A(0).Hi + A(1).Hi, Step: Math.Min(A(0).Step, A(1).Step)).Wrapped64(),
            IrOp.Subtract => new ValueRange(A(0).Lo - A(1).Hi, A(0).Hi - A(1).Lo, Step: Math.Min(A(0).Step, A(1).Step)).Wrapped64(),
            IrOp.Negate => new ValueRange(-A(0).Hi, -A(0).Lo, Step: A(0).Step).Wrapped64(),
            IrOp.Multiply => Multiply(A(0), A(1)),
            IrOp.Divide => Divide(A(0), A(1)),
            IrOp.Select => ValueRange.Union(A(1), A(2)),
            _ => ValueRange.Bool,
        };
    }

    /// <summary>Q.Mul: the exact product's corners, shifted right arithmetically (floor).</summary>
    private static ValueRange Multiply(ValueRange a, ValueRange b)
    {
        BigInteger[] corners = [a.Lo * b.Lo, a.Lo * b.Hi, a.Hi * b.Lo, a.Hi * b.Hi];
        var step = Math.Max(0, Math.Min(64, a.Step + b.Step) - FractionBits);
        return new ValueRange(corners.Min() >> FractionBits, corners.Max() >> FractionBits, Step: step).Wrapped64();
    }

    /// <summary>
    /// Q.Div: |(a &lt;&lt; 16) / b| is at most |a|max &lt;&lt; 16 over the smallest non-zero |b|
    /// (its lower bound, or its step when the range spans zero);
    /// the sign follows the operands' signs where they are known; b = 0 gives 0.
    /// </summary>
    private static ValueRange Divide(ValueRange a, ValueRange b)
    {
        if (b.Lo == 0 && b.Hi == 0)
            return ValueRange.Exactly(0);
        // A non-zero divisor is at least its step away from zero (whole lots: 65536).
        var granule = BigInteger.One << Math.Min(b.Step, 63);
        var smallest = BigInteger.Max(granule, b.Lo > 0 ? b.Lo : b.Hi < 0 ? -b.Hi : BigInteger.One);
        var largest = BigInteger.Max(BigInteger.Abs(a.Lo), BigInteger.Abs(a.Hi)) << FractionBits;
        var bound = largest / smallest;
        bool nonNegative = a.Lo >= 0 && b.Lo >= 0 || a.Hi <= 0 && b.Hi <= 0;
        bool nonPositive = a.Lo >= 0 && b.Hi <= 0 || a.Hi <= 0 && b.Lo >= 0;
        var lo = nonNegative ? BigInteger.Zero : -bound;
        var hi = nonPositive ? BigInteger.Zero : bound;
        return new ValueRange(lo, hi).Wrapped64();
    }
}
