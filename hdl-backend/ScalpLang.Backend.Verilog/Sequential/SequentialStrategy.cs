using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// A strategy as one sequential-core program (hdl-backend/README.md, "The sequential core"):
/// after reset the book and the kill latch are cleared; then per record the book takes it
/// (<see cref="SequentialBook"/>), and a record that ends an event evaluates every value of the IR the
/// decisions read, in order (<see cref="MicroOperators"/>) and tries the decision list as the module's stage 3
/// does: the first whose condition holds acts, rules not in the evaluation after our own fill (an
/// EndOfEvent Fill record, grammar/README.md §7 rule 9). The decision leaves as four words and an
/// Emit: word 0 {kill, market, decision (16 bits), action (8 bits)}, then price, quantity and
/// stand-aside (raw, as the module's <c>out_*</c>). A param read as a value is a register the module's
/// parameter sets (MicroAssembler.Param); a window's or a depth's params are built in from their defaults.
/// The portfolio is kept from the host's Fill records (<see cref="SequentialPortfolio"/>) when the
/// strategy reads it; windows record at every evaluation (<see cref="SequentialWindows"/>). What the
/// core cannot run yet is refused with the reason: models, sliced orders.
/// </summary>
internal static class SequentialStrategy
{
    public const int RecordWords = 2;
    public const int OutputWords = 4;

    /// <summary>The program, or null and why not.</summary>
    /// <param name="capitalTickLots">the portfolio's capital (equity); default the module's CAPITAL_TICK_LOTS default.</param>
    public static MicroProgram? Compile(IrProgram program, int levels, out string? refusal, long? capitalTickLots = null)
    {
        refusal = RefusalOf(program)?.Why;
        if (refusal is not null)
            return null;
        var asm = new MicroAssembler(RecordWords, OutputWords);
        var book = new SequentialBook(asm, levels);
        var operators = new MicroOperators(asm);
        var events = new SequentialEvent(asm, book, Math.Min(program.BookDepth, levels));
        var portfolio = SequentialPortfolio.IsRead(program)
            ? new SequentialPortfolio(asm, operators, book, events, program.Nodes.OfType<IrPeakSinceEntry>(), capitalTickLots ?? ModuleWriter.DefaultCapital(program))
            : null;
        var windows = new SequentialWindows(asm, operators, book, events, program, portfolio);
        int zero = asm.Constant(0), one = asm.Constant(1), kill = asm.Register(), t = asm.Register(), refill = asm.Register();
        book.EmitReset();
        events.EmitReset();
        portfolio?.EmitReset();
        windows.EmitReset();
        asm.Add(kill, zero, zero);

        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        book.EmitDecode();
        events.EmitRecord();
        book.EmitUpdate();
        portfolio?.EmitFill();
        // Only a record that ends an event evaluates; an EndOfEvent Fill record (op 6) is the evaluation after our own fill.
        asm.Op(new(MicroOp.And, t, book.Marks, one));
        asm.Op(new(MicroOp.Equal, t, t, zero));
        asm.Jump(MicroOp.JumpIf, top);
        asm.Op(new(MicroOp.Equal, refill, book.Op, asm.Constant(6)));
        // Every evaluation records the windows, as the IL's Evaluate does before its decisions.
        windows.EmitStep(refill);

        // Only what the decisions read (the module's nodes are the same ones).
        var used = ModuleWriter.UsedByDecisions(program);
        var value = new Dictionary<int, int>();
        foreach (var node in program.Nodes.Where(n => used[n.Id]))
            value[node.Id] = Evaluate(asm, operators, book, portfolio, windows, node, value, program);

        int word0 = asm.Register(), price = asm.Register(), quantity = asm.Register(), standAside = asm.Register();
        var emit = asm.NewLabel();
        for (var d = 0; d < program.Decisions.Length; d++)
        {
            var decision = program.Decisions[d];
            var next = asm.NewLabel();
            asm.Op(new(MicroOp.Equal, t, value[decision.Condition.Id], zero));
            asm.Jump(MicroOp.JumpIf, next);
            if (decision.Kind == IrDecisionKind.Rule)
            {
                asm.Op(new(MicroOp.Equal, t, refill, one));
                asm.Jump(MicroOp.JumpIf, next);
            }
            var (limit, size, aside) = decision.Action switch
            {
                IrTrade trade => (trade.LimitPrice, (IrValue?)trade.Quantity, (IrValue?)null),
                IrFlatten flatten => (null, null, flatten.StandAside),
                _ => ((IrValue?)null, (IrValue?)null, (IrValue?)null),
            };
            var market = decision.Action is IrTrade && limit is null;
            asm.Add(price, limit is { } l ? value[l.Id] : zero, zero);
            asm.Add(quantity, size is { } q ? value[q.Id] : zero, zero);
            asm.Add(standAside, aside is { } s ? value[s.Id] : zero, zero);
            if (decision.Action is IrKill)
                asm.Add(kill, one, zero);
            var code = (long)ActionCodes.Of(decision.Action) + ((long)d << 8) + (market ? 1L << 24 : 0);
            asm.Add(word0, asm.Constant(code), zero);
            asm.Jump(MicroOp.Jump, emit);
            asm.Place(next);
        }
        asm.Add(word0, asm.Constant(ActionCodes.None + ((long)ActionCodes.NoDecision << 8)), zero);
        asm.Add(price, zero, zero);
        asm.Add(quantity, zero, zero);
        asm.Add(standAside, zero, zero);
        asm.Place(emit);
        asm.Shift(MicroOp.ShiftLeft, t, kill, 25);
        asm.Op(new(MicroOp.Or, word0, word0, t));
        asm.Out(0, word0);
        asm.Out(1, price);
        asm.Out(2, quantity);
        asm.Out(3, standAside);
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        return asm.Assemble();
    }

    /// <summary>The decision in <paramref name="words"/>: action, decision, price, quantity, market, stand-aside, kill.</summary>
    public static (int Action, int Decision, long Price, long Quantity, bool Market, long StandAside, bool Kill) Decode(long[] words) =>
        ((int)(words[0] & 0xff), (int)((words[0] >> 8) & 0xffff), words[1], words[2], ((words[0] >> 24) & 1) != 0, words[3], ((words[0] >> 25) & 1) != 0);

    private static int Evaluate(MicroAssembler asm, MicroOperators operators, SequentialBook book, SequentialPortfolio? portfolio, SequentialWindows windows,
        IrNode node, Dictionary<int, int> value, IrProgram program)
    {
        switch (node)
        {
            case IrWindow w:
                return windows.Emit(w, value);
            case IrConst c:
                return asm.Constant(c.Raw);
            case IrParam p:
                return asm.Param(StrategyParams.Name(program.Params[p.Index]), ParamValue(program.Params[p.Index]));
            case IrInput input:
            {
                var d = asm.Register();
                switch (input.Kind)
                {
                    case IrInputKind.BestBid or IrInputKind.BestAsk:
                        asm.Shift(MicroOp.ShiftLeft, d, input.Kind == IrInputKind.BestBid ? book.BidPrice : book.AskPrice, 16);
                        break;
                    case IrInputKind.LastPrice:
                        asm.Add(d, book.LastPrice, asm.Constant(0));
                        break;
                    case IrInputKind.Position or IrInputKind.EntryPrice or IrInputKind.TimeInPosition or IrInputKind.LossesInARow:
                        portfolio!.EmitInput(input.Kind, d);
                        break;
                    default:
                    {
                        // A depth: the side's sizes over the first Levels levels (0 past its count), in Q47.16 lots.
                        var sizes = input.Kind == IrInputKind.BidDepth ? book.BidSize : book.AskSize;
                        asm.Add(d, sizes, asm.Constant(0));
                        for (var i = 1; i < DepthLevels(input, book.Levels, program); i++)
                            asm.Add(d, d, sizes + i);
                        asm.Shift(MicroOp.ShiftLeft, d, d, 16);
                        break;
                    }
                }
                return d;
            }
            case IrPeakSinceEntry peak:
                return portfolio!.EmitPeak(peak, value[peak.Operand.Id]);
            case IrOperation operation:
            {
                var d = asm.Register();
                operators.Emit(operation.Op, d, [.. operation.Args.Select(a => value[a.Id])]);
                return d;
            }
            default:
                throw new InvalidOperationException($"{node.GetType().Name} has no sequential code (Refusal lets none through)");
        }
    }

    /// <summary>
    /// The levels a depth sums, as the module's: a constant count up to the book's; a param count
    /// (its whole part, fixed at build) when it is 1..N - 1, else all N (the IL refuses such a value at load).
    /// </summary>
    private static int DepthLevels(IrInput input, int levels, IrProgram program)
    {
        if (input.LevelsParam is not { } p)
            return Math.Min(input.Levels, levels);
        var whole = program.Params[p].Default >> 16;
        return whole >= 1 && whole <= levels - 1 ? (int)whole : levels;
    }

    /// <summary>A param's raw value in a core register: a bool is 0 or 1, as the module's one-bit parameter.</summary>
    public static long ParamValue(IrParamInfo info) => info.Type.Kind == TypeKind.Bool ? (info.Default != 0 ? 1 : 0) : info.Default;

    /// <summary>
    /// The params the program is built from rather than reading them as values (StrategyParams.ReadByName):
    /// the core's code is laid out from their defaults (loops, bucket widths), so the module has them as
    /// localparams: no override can reach them.
    /// </summary>
    public static HashSet<int> StructuralParams(IrProgram program) =>
        [.. program.Nodes.SelectMany(node => StrategyParams.ReadByName(node, program))];

    /// <summary>What the core cannot run yet, and where it is in the source; null when it runs everything.</summary>
    public static (string Why, SourceLocation Where)? RefusalOf(IrProgram program)
    {
        foreach (var node in program.Nodes)
        {
            var why = node switch
            {
                IrWindow w => SequentialWindows.Refusal(w),
                IrModel or IrNeuralModel or IrModelScore => "a model",
                IrSentiment => "a sentiment",
                IrConst or IrParam or IrInput or IrOperation or IrPeakSinceEntry => null,
                _ => node.GetType().Name,
            };
            if (why is not null)
                return ($"the sequential core does not run {why} yet", program.Origins.TryGetValue(node.Id, out var at) ? at : program.Location);
        }
        foreach (var decision in program.Decisions)
        {
            if (decision.Action is IrTrade { Slicer: not null })
                return ("the sequential core does not run a sliced order yet", decision.Location ?? program.Location);
        }
        return null;
    }
}
