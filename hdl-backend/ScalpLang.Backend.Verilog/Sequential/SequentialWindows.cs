using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// A strategy's windows (grammar/README.md §7) in the sequential core, recorded as the IL records
/// them: at every evaluation, the one after our own fill included, each window in IR order takes
/// the event's time (its first non-Clock record's) and its amounts or sample. The evaluation after
/// our own fill (an EndOfEvent Fill record) adds no amounts (the IL's view zeroes them, so the
/// event's market amounts count once) and is no trade for atr; its time is the event's, so no
/// bucket moves. One bucket clock per distinct width (W / 32, or atr's bar B), stepped once per
/// evaluation before the nodes (<see cref="EmitStep"/>); each window then records and gives its
/// value at its node (<see cref="Emit"/>), after its operand. A drawdown samples the portfolio's
/// equity (<see cref="SequentialPortfolio.EmitEquity"/>) at its node, after the event's fills.
/// </summary>
internal sealed class SequentialWindows
{
    private readonly MicroAssembler _asm;
    private readonly MicroOperators _operators;
    private readonly SequentialBook _book;
    private readonly SequentialEvent _events;
    private readonly IrProgram _program;
    private readonly Dictionary<long, SequentialBucketClock> _clocks = [];
    private readonly SequentialWide _wide;
    private readonly SequentialScratch _scratch;
    private readonly Dictionary<int, SequentialSumWindow> _sums = [];
    private readonly Dictionary<int, SequentialAtrWindow> _atrs = [];
    private readonly Dictionary<int, SequentialSampleWindow> _samples = [];
    private readonly Dictionary<int, SequentialEmaWindow> _emas = [];
    private readonly Dictionary<int, SequentialZscore> _zscores = [];
    private readonly Dictionary<int, SequentialDrawdownWindow> _drawdowns = [];
    /// <summary>The portfolio whose equity a drawdown samples (null when no window reads it).</summary>
    private readonly SequentialPortfolio? _portfolio;
    /// <summary>This evaluation's amounts (0 in the evaluation after our own fill) and whether it is a trade's.</summary>
    private readonly int _traded, _boughtTraded, _added, _cancelled, _isTrade;

    public SequentialWindows(MicroAssembler asm, MicroOperators operators, SequentialBook book, SequentialEvent events, IrProgram program,
        SequentialPortfolio? portfolio = null)
    {
        (_asm, _operators, _book, _events, _program, _portfolio) = (asm, operators, book, events, program, portfolio);
        (_traded, _boughtTraded, _added, _cancelled, _isTrade) = (asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register());
        _wide = new SequentialWide(asm);
        _scratch = new SequentialScratch(asm);
        foreach (var w in program.Nodes.OfType<IrWindow>())
        {
            switch (w.Kind)
            {
                case IrWindowKind.TradeVolume:
                    _sums[w.Id] = new SequentialSumWindow(asm, _scratch, Clock(Duration(w.Window) / SequentialSumWindow.Buckets), 1);
                    break;
                case IrWindowKind.AggressorRatio or IrWindowKind.CancelRate or IrWindowKind.Vwap:
                    _sums[w.Id] = new SequentialSumWindow(asm, _scratch, Clock(Duration(w.Window) / SequentialSumWindow.Buckets), 2);
                    break;
                case IrWindowKind.Atr:
                {
                    var bar = Duration(w.Bar!.Value);
                    _atrs[w.Id] = new SequentialAtrWindow(asm, _scratch, Clock(bar), (int)(Duration(w.Window) / bar));
                    break;
                }
                case IrWindowKind.Sma or IrWindowKind.AvgDepth:
                    _samples[w.Id] = new SequentialSampleWindow(asm, _wide, _scratch, Clock(Duration(w.Window) / SequentialSampleWindow.Buckets));
                    break;
                case IrWindowKind.Zscore:
                {
                    var samples = new SequentialSampleWindow(asm, _wide, _scratch, Clock(Duration(w.Window) / SequentialSampleWindow.Buckets), squares: true);
                    _samples[w.Id] = samples;
                    _zscores[w.Id] = new SequentialZscore(asm, operators, _wide, _scratch, samples);
                    break;
                }
                case IrWindowKind.Ema:
                    _emas[w.Id] = new SequentialEmaWindow(asm, operators, _scratch, Clock(Duration(w.Window) / SequentialSampleWindow.Buckets));
                    break;
                case IrWindowKind.Drawdown:
                    if (portfolio is null)
                        throw new ArgumentException("a drawdown samples the portfolio's equity: pass the portfolio", nameof(portfolio));
                    _drawdowns[w.Id] = new SequentialDrawdownWindow(asm, operators, _scratch, Clock(Duration(w.Window) / SequentialDrawdownWindow.Buckets));
                    break;
                default:
                    throw new ArgumentException($"the window {w.Kind} has no sequential routine (Refusal lets none through)", nameof(program));
            }
        }
    }

    /// <summary>Why the core cannot run window <paramref name="w"/>, or null.</summary>
    public static string? Refusal(IrWindow w) => w.Kind switch
    {
        IrWindowKind.TradeVolume or IrWindowKind.AggressorRatio or IrWindowKind.CancelRate or IrWindowKind.Vwap or IrWindowKind.Atr
            or IrWindowKind.Sma or IrWindowKind.AvgDepth or IrWindowKind.Ema or IrWindowKind.Zscore or IrWindowKind.Drawdown => null,
        _ => $"the window {w.Kind}",
    };

    public void EmitReset()
    {
        foreach (var clock in _clocks.Values)
            clock.EmitReset();
        foreach (var sum in _sums.Values)
            sum.EmitReset();
        foreach (var atr in _atrs.Values)
            atr.EmitReset();
        foreach (var samples in _samples.Values)
            samples.EmitReset();
        foreach (var ema in _emas.Values)
            ema.EmitReset();
    }

    /// <summary>At the start of an evaluation: this evaluation's amounts and the clocks' steps. <paramref name="refill"/> is 1 in the evaluation after our own fill.</summary>
    public void EmitStep(int refill)
    {
        if (_clocks.Count == 0)
            return;
        var asm = _asm;
        using var scratch = _scratch.Open();
        int one = asm.Constant(1), live = scratch.Next();
        var e = _events;
        // live: all ones, or 0 after our own fill.
        asm.Sub(live, refill, one);
        asm.Op(new(MicroOp.And, _traded, e.Traded, live));
        asm.Op(new(MicroOp.And, _added, e.Added, live));
        asm.Op(new(MicroOp.And, _cancelled, e.Cancelled, live));
        asm.Sub(_boughtTraded, asm.Constant(0), e.AggressorBuy);
        asm.Op(new(MicroOp.And, _boughtTraded, _boughtTraded, _traded));
        asm.Op(new(MicroOp.And, _isTrade, e.Trades, live));
        foreach (var clock in _clocks.Values)
            clock.EmitStep(e.Time);
    }

    /// <summary>
    /// Records window <paramref name="w"/> (after <see cref="EmitStep"/>) and returns the register of
    /// its value; <paramref name="value"/> holds the registers of the nodes before it (its operand's).
    /// </summary>
    public int Emit(IrWindow w, IReadOnlyDictionary<int, int> value)
    {
        var asm = _asm;
        if (_drawdowns.TryGetValue(w.Id, out var drawdown))
        {
            // The view's equity (BacktestEngine.UpdatePortfolioView): after the event's fills, at its book's mid.
            using var scratch = _scratch.Open();
            int equity = scratch.Next(), result = asm.Register();
            _portfolio!.EmitEquity(equity);
            drawdown.Emit(result, equity);
            return result;
        }
        if (_atrs.TryGetValue(w.Id, out var atr))
        {
            atr.EmitRecord(_book.LastPrice, _isTrade);
            return atr.Mean;
        }
        if (_samples.TryGetValue(w.Id, out var samples))
        {
            var sample = w.Kind == IrWindowKind.AvgDepth ? Depth(w) : value[w.Operand!.Value.Id];
            samples.EmitRecord(sample);
            var result = asm.Register();
            if (_zscores.TryGetValue(w.Id, out var zscore))
                zscore.Emit(result, sample);
            else
                samples.EmitMean(result);
            return result;
        }
        if (_emas.TryGetValue(w.Id, out var ema))
        {
            ema.EmitRecord(value[w.Operand!.Value.Id]);
            return ema.Average;
        }
        var sum = _sums[w.Id];
        switch (w.Kind)
        {
            case IrWindowKind.TradeVolume:
                sum.EmitRecord([_traded]);
                return sum.Totals[0];
            case IrWindowKind.AggressorRatio:
                sum.EmitRecord([_boughtTraded, _traded]);
                break;
            case IrWindowKind.CancelRate:
                sum.EmitRecord([_cancelled, _added]);
                break;
            default:
            {
                // Q.Mul(last price, traded) = last price x lots exactly: the traded size is whole lots, its low 16 bits 0.
                using var scratch = _scratch.Open();
                int lots = scratch.Next(), product = scratch.Next();
                asm.Shift(MicroOp.ShiftRightSigned, lots, _traded, 16);
                _operators.MultiplyInteger(product, _book.LastPrice, lots);
                sum.EmitRecord([product, _traded]);
                break;
            }
        }
        var ratio = asm.Register();
        _operators.Divide(ratio, sum.Totals[0], sum.Totals[1]);
        return ratio;
    }

    /// <summary>
    /// avg_depth's sample: the bid and the ask depth over its levels, in Q47.16 lots (the IL's
    /// BidDepthOver + AskDepthOver). The levels as a depth input's: a constant count up to the book's;
    /// a param count (its whole part, fixed at build) when it is 1..N - 1, else all N.
    /// </summary>
    private int Depth(IrWindow w)
    {
        var levels = _book.Levels;
        if (w.LevelsParam is { } p)
        {
            var whole = _program.Params[p].Default >> 16;
            levels = whole >= 1 && whole <= levels - 1 ? (int)whole : levels;
        }
        else
        {
            levels = Math.Min(w.Levels, levels);
        }
        var asm = _asm;
        var d = asm.Register();
        asm.Add(d, _book.BidSize, _book.AskSize);
        for (var i = 1; i < levels; i++)
        {
            asm.Add(d, d, _book.BidSize + i);
            asm.Add(d, d, _book.AskSize + i);
        }
        asm.Shift(MicroOp.ShiftLeft, d, d, 16);
        return d;
    }

    /// <summary>The clock of bucket width <paramref name="width"/> ns, one per width.</summary>
    private SequentialBucketClock Clock(long width)
    {
        if (!_clocks.TryGetValue(width, out var clock))
            _clocks[width] = clock = new SequentialBucketClock(_asm, _scratch, width);
        return clock;
    }

    /// <summary>A window's or a bar's length in ns: a literal, or a param's default (params are fixed at build).</summary>
    private long Duration(IrValue value) => _program[value] switch
    {
        IrConst c => c.Raw,
        IrParam p => _program.Params[p.Index].Default,
        _ => throw new InvalidOperationException($"{value} is not a load-time constant (the IR verifier should have caught it)"),
    };
}
