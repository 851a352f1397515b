using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Compiler.Semantics;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Writes the strategy module (DESIGN.md §4): registered record in, the book, the decision
/// values as width-exact combinational wires, and the registered decision out. Only the nodes a
/// decision reads are built (the rest would be unread wires); each block cites its .scalp line.
/// </summary>
internal sealed class ModuleWriter
{
    /// <summary>Rising edges from the one that samples an EndOfEvent record to the one that registers its decision, unpipelined.</summary>
    public const int BaseLatency = 3;

    /// <summary>The module's latency: the base stages plus the pipeline's (and the block RAM read's, when a window has one).</summary>
    public int Latency => BaseLatency + _lead + _stages + _fold;

    /// <summary>An EndOfEvent Fill record's latency when the module keeps the portfolio: its evaluation waits for the fill engine.</summary>
    public int FillLatency => Latency + PortfolioFillEngine.Steps;

    private readonly IrProgram _program;
    private readonly int _levels;
    private readonly RangeAnalysis.Result _ranges;
    private readonly string _sourceName;
    private readonly bool[] _used;
    private readonly string[] _names;
    private readonly StringBuilder _v = new();
    private readonly long _capital;
    private readonly ImmutableDictionary<int, QuotientComparisons.Reduced> _reduced;
    private readonly ImmutableHashSet<int> _simulationOnly;
    /// <summary>Comparisons of a window ratio decided from the window's totals (WindowRatioComparison), by comparison node.</summary>
    private readonly ImmutableDictionary<int, QuotientComparisons.Reduced> _windowRatios;
    /// <summary>The windows whose ratio only those comparisons read: their divider is built for simulation only.</summary>
    private readonly ImmutableHashSet<int> _dumpOnlyRatios;
    /// <summary>Window totals carried to later stages, by signal: the last stage declared.</summary>
    private readonly Dictionary<string, int> _carriedTotals = [];
    /// <summary>The windows' bucket clocks, one per distinct width (BucketClocks).</summary>
    private readonly BucketClocks _clocks;
    private readonly int _pipeline;
    private readonly int _interval;
    /// <summary>Windows whose buckets are in block RAM (WindowStorage): their values are stage 1.</summary>
    private readonly ImmutableHashSet<int> _ramWindows;
    /// <summary>Register stages inside the evaluation: the pipeline's, plus one for a block RAM read.</summary>
    private readonly int _stages;
    /// <summary>The most cycles the interval lets the evaluation fold after stage 1 (EvaluationFold), 0 for none.</summary>
    private readonly int _foldBudget;
    /// <summary>Cycles the decision waits after the last stage while sequential units finish (EvaluationFold), 0 for none.</summary>
    private readonly int _fold;
    /// <summary>The open P&amp;L's serial product before the evaluation (EvaluationFold.PlanLead), or null: combinational.</summary>
    private readonly (int PerStep, int Steps)? _openPnlPlan;
    /// <summary>Cycles from the evaluation's request to the evaluation (BookSection's delayed trigger), 0 for none.</summary>
    private readonly int _lead;
    /// <summary>Values fixed at elaboration (constants, params, arithmetic over them): never carried.</summary>
    private readonly bool[] _buildTime;
    /// <summary>Values known when writing (EmitTimeConstants): products by them are shifts and adds.</summary>
    private readonly System.Numerics.BigInteger?[] _constants;
    /// <summary>Build-time values as sums of params and constants, where they are (BuildTimeLinear).</summary>
    private readonly BuildTimeLinear?[] _linear;
    /// <summary>Products by such values, each written once (ParamProducts).</summary>
    private readonly ParamProducts _paramProducts;
    /// <summary>Products of the same operand by several constants, one from another where that is cheaper (ConstantProducts).</summary>
    private readonly ConstantProducts _constantProducts;
    private readonly ImmutableArray<int> _stage;
    /// <summary>Per node, the last stage its carried copies are declared for.</summary>
    private readonly Dictionary<int, int> _carried = [];
    /// <summary>The stage of the node being written: operands are read at it.</summary>
    private int _readStage;

    public ModuleWriter(IrProgram program, VerilogOptions options, RangeAnalysis.Result ranges)
    {
        _program = program;
        _levels = options.BookLevels ?? program.BookDepth;
        _ranges = ranges;
        _sourceName = options.SourceName ?? Path.GetFileName(program.Location.Source.Path);
        _used = UsedByDecisions(program);
        _names = [.. program.Nodes.Select(n => NameOf(program, n.Id))];
        _capital = options.CapitalTickLots ?? DefaultCapital(program);
        _reduced = QuotientComparisons.Find(program, _used, ranges);
        _simulationOnly = QuotientComparisons.Quotients(_reduced);
        _windowRatios = QuotientComparisons.FindWindowRatios(program, _used);
        _dumpOnlyRatios = QuotientComparisons.Quotients(_windowRatios);
        _clocks = new BucketClocks(program, _used);
        _pipeline = options.PipelineStages;
        _interval = options.RecordInterval;
        _buildTime = QuotientComparisons.BuildTime(program);
        _constants = EmitTimeConstants.Find(program, ranges);
        _linear = BuildTimeLinear.Find(program, ranges);
        _paramProducts = new ParamProducts(program, Line);
        _constantProducts = new ConstantProducts(Line);
        _ramWindows = WindowStorage.InBlockRam(program, _used, _interval);
        _stages = _pipeline + (_ramWindows.IsEmpty ? 0 : 1);
        _foldBudget = EvaluationFold.Budget(_interval, _pipeline, _stages);
        _fold = EvaluationFold.Cycles(FoldUnits(), _foldBudget);
        // The open P&L feeds equity, which only drawdown reads: a serial product before the evaluation at R >= 3.
        _openPnlPlan = UsesPortfolio && program.Nodes.Any(n => _used[n.Id] && n is IrWindow { Kind: IrWindowKind.Drawdown })
            ? EvaluationFold.PlanLead(_interval, PortfolioSection.OpenPnlDigits) : null;
        _lead = _openPnlPlan is { } lead ? 1 + lead.Steps : 0;
        _stage = PipelinePlan.Assign(program, _used, Width, n => OperandsRead(n).Where(o => !_buildTime[o.Id]), new HashSet<int>(_reduced.Keys.Concat(_windowRatios.Keys)), _simulationOnly,
            [.. DecisionValues(program).Select(v => v.Id).Where(id => !_buildTime[id]).Distinct()], _ramWindows, _stages);
    }

    /// <summary>
    /// The sequential units a folded evaluation may run (EvaluationFold): atr's mean in block RAM, and
    /// the remainder rows of a drawdown comparison whose window is in block RAM (its peak held a cycle after stage 1).
    /// </summary>
    private IEnumerable<EvaluationFold.Unit> FoldUnits()
    {
        foreach (var w in _program.Nodes.OfType<IrWindow>().Where(w => _used[w.Id] && w.Kind == IrWindowKind.Atr && _ramWindows.Contains(w.Id)))
            yield return new EvaluationFold.Unit(EvaluationFold.AtrMeanRows, 0);
        var drawdownComparisons = _windowRatios.Values.Count(r => _program.Nodes[r.Quotient] is IrWindow { Kind: IrWindowKind.Drawdown } && _ramWindows.Contains(r.Quotient));
        for (var i = 0; i < drawdownComparisons; i++)
            yield return DrawdownRemainderUnit;
        // A window ratio compared with a known bound: each product of many digits (WindowRatioComparison.FoldUnits).
        foreach (var ratio in _windowRatios.Values.Where(r => _program.Nodes[r.Quotient] is IrWindow { Kind: not IrWindowKind.Drawdown } && _ramWindows.Contains(r.Quotient)))
        {
            if (_constants[ratio.Bound] is { } bound)
            {
                foreach (var unit in WindowRatioComparison.FoldUnits(bound, ratio.Op))
                    yield return unit;
            }
        }
    }

    private static readonly EvaluationFold.Unit DrawdownRemainderUnit = new(EvaluationFold.DrawdownRemainderRows, 1);

    /// <summary>The flag of an event whose decision registers at the next rising edge.</summary>
    public string FinalEvaluation => _fold > 0 ? $"eval_fold_{_fold}" : _stages == 0 ? "eval_pending" : $"eval_pending_s{_stages}";

    /// <summary>
    /// The enable of a register that carries a value to stage <paramref name="stage"/>: folded, it
    /// loads once per evaluation and holds while the decision waits; else it loads every cycle.
    /// </summary>
    private string LoadAt(int stage) => _fold == 0 ? "" : $"if ({(stage == 1 ? "eval_pending" : $"eval_pending_s{stage - 1}")}) ";

    /// <summary>The module's signal holding a probe's value in the cycle <see cref="FinalEvaluation"/> is high.</summary>
    public string DumpSignal(string probe)
    {
        var id = Array.IndexOf(_names, probe);
        return id < 0 || _stage[id] == _stages ? probe : $"{probe}_dump";
    }

    /// <summary>
    /// Node <paramref name="id"/> as read at the stage being written: the wire itself in its own
    /// stage, else its copy carried to that stage (the copies are declared here on first use).
    /// </summary>
    private string Ref(int id)
    {
        // Build-time values are fixed at elaboration: every stage reads them as they are.
        if (_readStage <= _stage[id] || _buildTime[id])
            return _names[id];
        var have = _carried.GetValueOrDefault(id, _stage[id]);
        for (var s = have + 1; s <= _readStage; s++)
        {
            var previous = s - 1 == _stage[id] ? _names[id] : $"{_names[id]}_s{s - 1}";
            var type = _program.Nodes[id].Type.Kind == TypeKind.Bool ? "reg " : $"reg signed {Range(Width(id))}";
            Line($"{type}{_names[id]}_s{s};   // carried to stage {s}");
            Line($"always @(posedge clk) {LoadAt(s)}{_names[id]}_s{s} <= {previous};");
        }
        if (_readStage > have)
            _carried[id] = _readStage;
        return $"{_names[id]}_s{_readStage}";
    }


    /// <summary>The backtest's default capital (100,000 in the instrument's currency) in tick-lots of the declared instrument.</summary>
    public static long DefaultCapital(IrProgram program) =>
        program.Instrument is { } i && i.TickSize * i.LotSize > 0 ? (long)(100_000m / (i.TickSize * i.LotSize)) : 0;

    /// <summary>The named values a testbench can print at one event: signals, then each decision's condition.</summary>
    public ImmutableArray<string> Probes =>
        [.. _program.Nodes.Where(n => _used[n.Id] && _names[n.Id].StartsWith("sig_", StringComparison.Ordinal)).Select(n => _names[n.Id]),
         .. _program.Decisions.Select((_, i) => $"d{i}_when")];

    public string Write()
    {
        WriteHeader();
        WritePorts();
        if (_interval > 1)
            RecordIntervalCheck.Write(_v, _interval, UsesPortfolio);
        BookSection.WriteInputRegisters(_v);
        BookSection.WriteBook(_v, _levels, lastTrade: _program.Nodes.Any(n => _used[n.Id] && n is IrInput { Kind: IrInputKind.LastPrice } or IrWindow { Kind: IrWindowKind.Vwap or IrWindowKind.Atr }));
        if (!UsesPortfolio)
            BookSection.WriteEvaluationTrigger(_v, deferredFill: null);
        if (HasWindows || UsesPortfolio)
            EventSection.Write(_v, _levels, Math.Min(_program.BookDepth, _levels));
        _clocks.Write(_v);
        if (UsesPortfolio)
        {
            PortfolioSection.Write(_v, serialOpenPnl: _openPnlPlan is not null);
            // An EndOfEvent Fill record evaluates once the fill engine is done.
            BookSection.WriteEvaluationTrigger(_v, PortfolioFillEngine.EvaluationSignal, _lead);
            if (_openPnlPlan is { } plan)
                PortfolioSection.WriteSerialOpenPnl(_v, plan.PerStep, plan.Steps);
        }
        WriteDepthSums();
        WriteNodes();
        WriteDecisions();
        _v.Append("endmodule\n\n`default_nettype wire\n");
        return _v.ToString();
    }

    /// <summary>The module keeps the portfolio: some decision reads position, entry, time in position, losses, a peak or equity.</summary>
    public bool UsesPortfolio => _program.Nodes.Any(n => _used[n.Id] && n is IrPeakSinceEntry or IrWindow { Kind: IrWindowKind.Drawdown }
        or IrInput { Kind: IrInputKind.Position or IrInputKind.EntryPrice or IrInputKind.TimeInPosition or IrInputKind.LossesInARow });

    private bool HasWindows => _program.Nodes.Any(n => _used[n.Id] && n is IrWindow);

    private int Width(int id) => _program.Nodes[id].Type.Kind == TypeKind.Bool ? 1 : _ranges.Ranges[id].SignedWidth;

    private void WriteHeader()
    {
        var v = _v;
        v.Append(CultureInfo.InvariantCulture, $"""
            // {_program.Name}: generated by `scalp build --target verilog` from {_sourceName}. Do not edit.
            //
            // One tape record per cycle in (docs/tape.md), one decision per tape event out: the record
            // that carries EndOfEvent and is sampled at rising edge k has its decision in out_* (with
            // out_valid high) after rising edge k+{Latency - 1}: LATENCY = {Latency} register stages (registered
            // record, book, registered decision), at one record per cycle with no stall. Windows, the
            // portfolio (fed the host's Fill records, op 6) and the event's time and amounts are
            // registered at stage 2 beside the book; window values (means, ratios, square roots, the
            // ema's catch-up) are combinational in the evaluation cycle{(_ramWindows.IsEmpty ? ", so they add no stage" : " (block RAM ones: below)")}. An
            // EndOfEvent Fill record asks for the evaluation after our own fill (one more decision out).
            // The book keeps {_levels} levels per side (the tape's N); the strategy's book depth is {_program.BookDepth}.
            // out_action: 0 none, 1 buy, 2 sell, 3 wait, 4 cancel_all, 5 flatten, 6 kill (the ABI's ActionKind + 1);
            // out_decision: the index of the decision that acted (in the order below), 16'hFFFF for none;
            // out_price, out_quantity: raw Q47.16 (ticks, lots), 0 when unused; out_market: a market order;
            // out_stand_aside: ns of `flatten then wait`; out_kill: a kill decision acted (latched until rst).
            //
            // Widths come from each value's range (tape prices and sizes are int32, params their declared
            // ranges); results equal the IL's 64-bit ones bit for bit.

            """);
        if (!_ramWindows.IsEmpty)
        {
            var names = string.Join(", ", _ramWindows.Order().Select(id => _names[id]));
            v.Append(CultureInfo.InvariantCulture, $"// Block RAM: the bucket rings of {names} are block RAM with a registered read, so those\n");
            v.Append("// windows' values are ready one cycle after the evaluation: one more register stage inside it (stage 1),\n");
            v.Append(CultureInfo.InvariantCulture, $"// included in LATENCY = {Latency}.\n");
        }
        if (_stages > 0)
        {
            var pipelined = _pipeline > 0 ? $"Pipelined: {_pipeline} register stage{(_pipeline == 1 ? "" : "s")}" : "No pipeline stage asked";
            var ram = _stages > _pipeline ? " + 1 for the block RAM read" : "";
            v.Append(CultureInfo.InvariantCulture, $"// {pipelined}{ram} inside the evaluation, so LATENCY = {Latency}{(_fold > 0 ? $" with the fold's {_fold} (below)" : "")}. Each value is\n");
            v.Append("// computed at the stage its estimated delay puts it in (its comment says which) and carried in\n");
            v.Append("// registers (<name>_s<k>) to the stages that read it; windows and peaks since entry, and what they\n");
            v.Append("// read, stay in stage 0 (their registers close a loop each evaluation); the decisions read the last stage.\n");
        }
        if (_lead > 0)
        {
            v.Append(CultureInfo.InvariantCulture, $"// Evaluated {_lead} cycles after its request (EvaluationFold's lead): the open P&L is a few Booth digits a cycle\n");
            v.Append("// from the book and the portfolio, which hold until the next record, R cycles after this one at the soonest.\n");
        }
        if (_fold > 0)
        {
            v.Append(CultureInfo.InvariantCulture, $"// Folded over the record interval (EvaluationFold): the stage-1 registers load once per evaluation and hold\n");
            v.Append(CultureInfo.InvariantCulture, $"// until the next one (R = {_interval} cycles later at the soonest), so the decision waits {_fold} more cycles while\n");
            v.Append(CultureInfo.InvariantCulture, $"// sequential units compute from them a few rows or digits a cycle (atr's mean, drawdown's remainder rows, long\n");
            v.Append(CultureInfo.InvariantCulture, $"// products by constants): LATENCY = {Latency}.\n");
        }
        if (_clocks.Any)
        {
            v.Append(CultureInfo.InvariantCulture, $"// Input contract: after a Clock record (op 5), in_valid stays low for CLOCK_IDLE = {BucketClocks.IdleCycles} cycles while the\n");
            v.Append("// windows' bucket clocks divide its 64-bit delta (a Clock record means no market record for seconds).\n");
        }
        if (UsesPortfolio)
        {
            v.Append(CultureInfo.InvariantCulture, $"// Input contract: after every Fill record (op 6) |position| <= POSITION_BOUND = {PortfolioSection.PositionBound} lots and the fill's price\n");
            v.Append("// is below 2^31 ticks, so the portfolio is exact at its narrow widths (hdl-backend/README.md, \"Fills\").\n");
            v.Append(CultureInfo.InvariantCulture, $"// Input contract: after a Fill record (op 6), in_valid stays low for FILL_IDLE = {PortfolioFillEngine.IdleCycles} cycles while the portfolio\n");
            v.Append(CultureInfo.InvariantCulture, $"// applies it sequentially; an EndOfEvent Fill record's decision waits for it: FILL_LATENCY = {FillLatency} (not LATENCY).\n");
        }
        if (_interval > 1)
            RecordIntervalCheck.WriteHeader(v, _interval, UsesPortfolio);
        var causes = _ranges.FullWidthCauses.Where(c => _used[c.Node]).ToList();
        if (causes.Count == 0)
            v.Append("// No value needs the full 64 bits.\n");
        foreach (var (node, why) in causes)
            v.Append(CultureInfo.InvariantCulture, $"// Full 64-bit width: {_names[node]} ({Cite(node)}): {why}.\n");
        v.Append("\n`default_nettype none\n\n");
    }

    private void WritePorts()
    {
        var v = _v;
        v.Append(CultureInfo.InvariantCulture, $"module {_program.Name}");
        var referenced = new HashSet<int>(_program.Nodes.Where(n => _used[n.Id]).SelectMany(ParamsRead));
        if (!_program.Params.IsEmpty || UsesPortfolio)
        {
            v.Append(" #(\n");
            if (UsesPortfolio)
            {
                v.Append(StrategyParams.CapitalComment);
                v.Append(CultureInfo.InvariantCulture, $"    parameter signed [63:0] CAPITAL_TICK_LOTS = {Literal(_capital, 64)}{(_program.Params.IsEmpty ? "" : ",")}\n");
            }
            for (var p = 0; p < _program.Params.Length; p++)
            {
                var info = _program.Params[p];
                var range = info.Lower is { } lo && info.Upper is { } hi ? $" in {Format(info.Type, lo)}..{Format(info.Type, hi)}" : "";
                v.Append(CultureInfo.InvariantCulture, $"    // param {info.Name}: {info.Type} = {Format(info.Type, info.Default)}{range}\n");
                if (!referenced.Contains(p))
                    v.Append("    /* verilator lint_off UNUSEDPARAM */ // no decision reads it\n");
                var declaration = StrategyParams.Declaration(info);
                v.Append(CultureInfo.InvariantCulture, $"    {declaration}{(p + 1 < _program.Params.Length ? "," : "")}\n");
                if (!referenced.Contains(p))
                    v.Append("    /* verilator lint_on UNUSEDPARAM */\n");
            }
            v.Append(')');
        }
        v.Append(StrategyPorts.List);
        v.Append(CultureInfo.InvariantCulture, $"    // For integrators and testbenches; the logic does not read them.\n    /* verilator lint_off UNUSEDPARAM */\n    localparam integer LATENCY = {Latency};\n    localparam integer BOOK_LEVELS = {_levels};\n{(_interval > 1 ? $"    localparam integer {RecordIdleContract.IntervalName} = {_interval};   // in_valid high at most once every RECORD_INTERVAL cycles\n" : "")}{(_clocks.Any ? $"    localparam integer CLOCK_IDLE = {BucketClocks.IdleCycles};   // idle cycles after a Clock record\n" : "")}{(UsesPortfolio ? $"    localparam integer POSITION_BOUND = {PortfolioSection.PositionBound};   // |position| after every Fill record, lots\n    localparam integer FILL_IDLE = {PortfolioFillEngine.IdleCycles};   // idle cycles after a Fill record\n    localparam integer FILL_LATENCY = {FillLatency};   // an EndOfEvent Fill record's decision, like LATENCY\n" : "")}    /* verilator lint_on UNUSEDPARAM */\n\n");
    }

    private IEnumerable<int> ParamsRead(IrNode node) =>
        node is IrParam p ? [p.Index] : StrategyParams.ReadByName(node, _program);

    /// <summary>Cumulative size over the top k levels, per side, as deep as any depth input reads.</summary>
    private void WriteDepthSums()
    {
        foreach (var (kind, side) in (ReadOnlySpan<(IrInputKind, string)>)[(IrInputKind.BidDepth, "bid"), (IrInputKind.AskDepth, "ask")])
        {
            var deepest = _program.Nodes.OfType<IrInput>().Where(i => _used[i.Id] && i.Kind == kind)
                .Select(i => RangeAnalysis.DepthLevels(i, _levels))
                .Concat(_program.Nodes.OfType<IrWindow>().Where(w => _used[w.Id] && w.Kind == IrWindowKind.AvgDepth).Select(w => WindowLevels(w)))
                .DefaultIfEmpty(0).Max();
            if (deepest == 0)
                continue;
            _v.Append(CultureInfo.InvariantCulture, $"    // {side} size over the top k levels (lots)\n");
            for (var k = 1; k <= deepest; k++)
            {
                var width = SumBits(k);
                var sum = k == 1
                    ? $"{side}_size_0"
                    : $"{Unsigned($"{side}_cum_{k - 1}", SumBits(k - 1), width)} + {Unsigned($"{side}_size_{k - 1}", BookSection.LevelBits, width)}";
                _v.Append(CultureInfo.InvariantCulture, $"    wire {Range(width)}{side}_cum_{k} = {sum};\n");
            }
            _v.Append('\n');
        }
    }

    private static int SumBits(int levels) => (int)(levels * RangeAnalysis.MaxTapeValue).GetBitLength();

    private void WriteNodes()
    {
        _v.Append("    // ---- evaluation: the decision values, combinational from the book ----\n");
        var narrowlyRead = NarrowlyRead();
        var lastLine = -1;
        foreach (var node in _program.Nodes)
        {
            if (!_used[node.Id])
                continue;
            if (_program.Origins.TryGetValue(node.Id, out var origin))
            {
                var line = origin.Start.Line;
                if (line != lastLine)
                {
                    var text = origin.Source.ToString(origin.Source.GetLineSpan(line - 1)).Trim();
                    _v.Append(CultureInfo.InvariantCulture, $"    // {Path.GetFileName(origin.Source.Path)}:{line}: {text}\n");
                    lastLine = line;
                }
            }
            // A block RAM window's state reads its operand in the evaluation cycle (stage 0); its value is stage 1.
            _readStage = _ramWindows.Contains(node.Id) ? 0 : _stage[node.Id];
            if (_stages > 0)
            {
                // A window ratio's comparison reads the window's totals, carried by its writer.
                foreach (var operand in OperandsRead(node).Where(o => !_dumpOnlyRatios.Contains(o.Id)))
                    Ref(operand.Id);
                Line($"// stage {_stage[node.Id]}");
            }
            if (node is IrWindow ratio && _dumpOnlyRatios.Contains(ratio.Id))
            {
                WriteDumpOnlyRatio(ratio);
            }
            else if (_simulationOnly.Contains(node.Id))
            {
                // Every reader compares it with a build-time value without dividing (QuotientComparisons):
                // synthesis (yosys defines SYNTHESIS) builds no divider; simulators keep it for the dump.
                _v.Append("`ifndef SYNTHESIS\n");
                Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads it");
                var start = _v.Length;
                WriteNode(node);
                // The divider's own lint_on would end the waiver before its last line.
                var body = _v.ToString(start, _v.Length - start).Replace("    /* verilator lint_on UNUSEDSIGNAL */\n", "", StringComparison.Ordinal);
                _v.Length = start;
                _v.Append(body);
                Line("/* verilator lint_on UNUSEDSIGNAL */");
                _v.Append("`endif\n");
            }
            else if (ConstantsReadWhenWriting().Contains(node.Id))
            {
                Line("/* verilator lint_off UNUSEDSIGNAL */ // a constant factor or bound: its reader may use the value itself, not this wire");
                WriteNode(node);
                Line("/* verilator lint_on UNUSEDSIGNAL */");
            }
            else if (ShiftDivisors().Contains(node.Id))
            {
                Line("/* verilator lint_off UNUSEDSIGNAL */ // a power-of-two divisor: the shift reads its exponent, maybe not this wire");
                WriteNode(node);
                Line("/* verilator lint_on UNUSEDSIGNAL */");
            }
            else if (narrowlyRead.Contains(node.Id))
            {
                Line("/* verilator lint_off UNUSEDSIGNAL */ // every reader's range needs fewer bits than this value's");
                WriteNode(node);
                Line("/* verilator lint_on UNUSEDSIGNAL */");
            }
            else
            {
                WriteNode(node);
            }
        }
        WriteDumpCopies();
        _v.Append('\n');
    }

    /// <summary>Values known when writing that a product (shifts and adds) or a comparison without a divider reads as a number, and param factors (ParamProducts reads their form).</summary>
    private HashSet<int> ConstantsReadWhenWriting() =>
    [
        .. _program.Nodes.OfType<IrOperation>().Where(o => _used[o.Id] && o.Op == IrOp.Multiply && ConstantFactor(o) is not null).Select(o => o.Args[ConstantFactor(o)!.Value].Id),
        .. _reduced.Values.Concat(_windowRatios.Values).Select(r => r.Bound).Where(b => _constants[b] is not null),
        .. _program.Nodes.OfType<IrOperation>().Where(o => _used[o.Id] && o.Op == IrOp.Multiply && ConstantFactor(o) is null && ParamFactor(o) is not null).Select(o => o.Args[ParamFactor(o)!.Value].Id),
    ];

    /// <summary>Constant divisors that are a power of two: their divisions are shifts (WriteNode).</summary>
    private HashSet<int> ShiftDivisors() =>
        [.. _program.Nodes.OfType<IrOperation>().Where(o => _used[o.Id] && IsShiftDivision(o)).Select(o => o.Args[1].Id)];

    private bool IsShiftDivision(IrOperation o) =>
        o.Op == IrOp.Divide && _program.Nodes[o.Args[1].Id] is IrConst { Raw: > 0 } c && (c.Raw & (c.Raw - 1)) == 0;

    /// <summary>
    /// The operands a node's wire reads (a window's length and bar are names, not wires; a quotient
    /// comparison reads the division's operands and the bound, not the quotient).
    /// </summary>
    private IEnumerable<IrValue> OperandsRead(IrNode node)
    {
        if (_reduced.TryGetValue(node.Id, out var r))
            return [.. ((IrOperation)_program.Nodes[r.Quotient]).Args, new IrValue(r.Bound)];
        if (_windowRatios.TryGetValue(node.Id, out var ratio))
            return [new IrValue(ratio.Quotient), new IrValue(ratio.Bound)];
        return (node is IrWindow w ? (w.Operand is { } o ? [o] : []) : node.Operands).Where(o => _used[o.Id]);
    }

    /// <summary>
    /// For the testbench's dump (simulation only): each named value of an earlier stage carried to
    /// the last one, so the dump shows one event's values.
    /// </summary>
    private void WriteDumpCopies()
    {
        var early = Probes.Select(p => Array.IndexOf(_names, p)).Where(id => id >= 0 && _stage[id] < _stages).ToList();
        if (early.Count == 0)
            return;
        _v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads them");
        foreach (var id in early)
        {
            var type = _program.Nodes[id].Type.Kind == TypeKind.Bool ? "reg " : $"reg signed {Range(Width(id))}";
            var previous = _names[id];
            for (var s = _stage[id] + 1; s <= _stages; s++)
            {
                var name = s == _stages ? $"{_names[id]}_dump" : $"{_names[id]}_dump{s}";
                Line($"{type}{name};");
                Line($"always @(posedge clk) {LoadAt(s)}{name} <= {previous};");
                previous = name;
            }
        }
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        _v.Append("`endif\n");
    }

    /// <summary>
    /// Values some sum, difference, negation or select cuts to its (narrower) result width: when
    /// no reader reads the top bits, lint would call them unused. Products, quotients and
    /// comparisons widen their operands.
    /// </summary>
    private HashSet<int> NarrowlyRead()
    {
        var cut = new HashSet<int>();
        var whole = new HashSet<int>();
        foreach (var node in _program.Nodes.OfType<IrOperation>().Where(n => _used[n.Id]))
        {
            var args = node.Op is IrOp.Select ? node.Args.Skip(1) : node.Args;
            foreach (var arg in args)
            {
                if (node.Op is IrOp.Add or IrOp.Subtract or IrOp.Negate or IrOp.Select && Width(arg.Id) > Width(node.Id))
                    cut.Add(arg.Id);
                else
                    whole.Add(arg.Id);
            }
        }
        cut.ExceptWith(whole);
        return cut;
    }

    private void WriteNode(IrNode node)
    {
        var name = _names[node.Id];
        var width = Width(node.Id);
        var declare = node.Type.Kind == TypeKind.Bool ? $"wire {name}" : $"wire signed {Range(width)}{name}";
        string Arg(int i, int to) => Signed(Ref(((IrOperation)node).Args[i].Id), Width(((IrOperation)node).Args[i].Id), to);
        switch (node)
        {
            case IrConst c when node.Type.Kind == TypeKind.Bool:
                Line($"{declare} = 1'b{(c.Raw != 0 ? 1 : 0)};");
                break;
            case IrConst c:
                Line($"{declare} = {Literal(c.Raw, width)};");
                break;
            case IrParam p when node.Type.Kind == TypeKind.Bool:
                Line($"{declare} = p_{_program.Params[p.Index].Name};");
                break;
            case IrParam p:
                Line($"{declare} = {Signed($"p_{_program.Params[p.Index].Name}", 64, width)};");
                break;
            case IrInput input:
                WriteInput(input, declare);
                break;
            case IrPeakSinceEntry peak:
                WritePeak(peak, declare, width);
                break;
            case IrWindow w:
                new WindowSection(_v, _program, x => Signed(Ref(x.Id), Width(x.Id), 64), DepthSample, _ramWindows.Contains(w.Id)) { Clocks = _clocks, RecordInterval = _interval, FoldBudget = _fold > 0 ? _foldBudget : 0 }.Write(w, $"{name}_value");
                Line($"{declare} = {Signed($"{name}_value", 64, width)};");
                break;
            case IrModelScore m:
            {
                // Features as read at this node's stage (carried copies under --pipeline), resolved
                // before the section writes so the carry registers are declared ahead of it.
                var features = m.Features.Select(f => Signed(Ref(f.Id), Width(f.Id), 64)).ToArray();
                ModelSection.Write(_v, m, name, declare, width, i => features[i]);
                break;
            }
            case IrOperation { Op: IrOp.Add or IrOp.Subtract } o:
                Line($"{declare} = {Arg(0, width)} {(o.Op == IrOp.Add ? "+" : "-")} {Arg(1, width)};");
                break;
            case IrOperation { Op: IrOp.Negate }:
                Line($"{declare} = -{Arg(0, width)};");
                break;
            case IrOperation { Op: IrOp.Multiply } o when ConstantFactor(o) is { } k:
            {
                // By a constant: shifts and adds at exact widths (ConstantProduct), then >>> 16 as a slice.
                var x = o.Args[1 - k].Id;
                var product = ConstantProduct.Write(Line, $"{name}_product", Ref(x), Width(x), _ranges.Ranges[x].Lo, _ranges.Ranges[x].Hi, _constants[o.Args[k].Id]!.Value);
                // The product's unread bits are waived with its partial sums (ConstantProduct).
                var (p, pw) = (product.Signal, product.Width);
                var shifted = pw >= width + 16 ? $"{p}[{width + 15}:16]"
                    : pw > 16 ? $"{{{{{width + 16 - pw}{{{p}[{pw - 1}]}}}}, {p}[{pw - 1}:16]}}"
                    : $"{{{width}{{{p}[{pw - 1}]}}}}";
                Line($"{declare} = $signed({shifted});");
                break;
            }
            case IrOperation { Op: IrOp.Multiply } o when ParamFactor(o) is { } k:
            {
                // By a param (or a sum of params and constants): its digits chosen at elaboration (ParamProducts), then >>> 16 as a slice.
                var x = o.Args[1 - k].Id;
                var factor = o.Args[k].Id;
                var product = _paramProducts.Write($"{name}_product", Ref(x), Width(x), _linear[factor]!, _ranges.Ranges[factor].Lo, _ranges.Ranges[factor].Hi, mayNegate: false);
                var (p, pw) = (product.Signal, product.Width);
                var shifted = pw >= width + 16 ? $"{p}[{width + 15}:16]"
                    : pw > 16 ? $"{{{{{width + 16 - pw}{{{p}[{pw - 1}]}}}}, {p}[{pw - 1}:16]}}"
                    : $"{{{width}{{{p}[{pw - 1}]}}}}";
                Line($"{declare} = $signed({shifted});");
                break;
            }
            case IrOperation { Op: IrOp.Multiply } o:
            {
                // The exact product, then >>> 16 (floor) as a bit slice, low `width` bits kept.
                var product = Math.Max(Width(o.Args[0].Id) + Width(o.Args[1].Id), width + 16);
                Line("/* verilator lint_off UNUSEDSIGNAL */ // the exact product; the result's range reads fewer bits");
                Line($"wire signed [{product - 1}:0] {name}_product = {Arg(0, product)} * {Arg(1, product)};");
                Line("/* verilator lint_on UNUSEDSIGNAL */");
                Line($"{declare} = $signed({name}_product[{width + 15}:16]);");
                break;
            }
            case IrOperation { Op: IrOp.Divide } o when IsShiftDivision(o):
            {
                var c = (IrConst)_program.Nodes[o.Args[1].Id];
                // A constant divisor 2^j: trunc((a << 16) / 2^j) is an arithmetic shift of the numerator
                // biased by 2^j - 1 when negative (truncation toward zero), exact like Q.Div.
                var j = System.Numerics.BitOperations.Log2((ulong)c.Raw);
                var quotient = Math.Max(Math.Max(Width(o.Args[0].Id) + 17, j + 2), width) + 1;
                Line($"// divided by the constant 2^{j}: a shift, no divider");
                Line($"wire signed [{quotient - 1}:0] {name}_numerator = $signed({{{Arg(0, quotient - 16)}, 16'h0000}});");
                Line("/* verilator lint_off UNUSEDSIGNAL */ // the exact quotient; the result's range reads fewer bits");
                var bias = j == 0 ? "" : $" + ({name}_numerator[{quotient - 1}] ? {Literal((System.Numerics.BigInteger.One << j) - 1, quotient)} : {Literal(0, quotient)})";
                Line($"wire signed [{quotient - 1}:0] {name}_quotient = ({name}_numerator{bias}) >>> {j};");
                Line("/* verilator lint_on UNUSEDSIGNAL */");
                Line($"{declare} = {Signed($"{name}_quotient", quotient, width)};");
                break;
            }
            case IrOperation { Op: IrOp.Divide } o:
            {
                // (a << 16) / b at a width where no quotient overflows (-2^n / -1 included);
                // Verilog's signed division truncates toward zero, as Q.Div does; b = 0 gives 0.
                var quotient = Math.Max(Math.Max(Width(o.Args[0].Id) + 17, Width(o.Args[1].Id)), width);
                Line($"wire signed [{quotient - 1}:0] {name}_numerator = $signed({{{Arg(0, quotient - 16)}, 16'h0000}});");
                Line($"wire signed [{quotient - 1}:0] {name}_divisor = {Arg(1, quotient)};");
                Line($"wire {name}_by_zero = {name}_divisor == {Literal(0, quotient)};");
                Line("/* verilator lint_off UNUSEDSIGNAL */ // the exact quotient; the result's range reads fewer bits");
                Line($"wire signed [{quotient - 1}:0] {name}_quotient = {name}_numerator / ({name}_by_zero ? {Literal(1, quotient)} : {name}_divisor);");
                Line("/* verilator lint_on UNUSEDSIGNAL */");
                Line($"{declare} = {name}_by_zero ? {Literal(0, width)} : {Signed($"{name}_quotient", quotient, width)};");
                break;
            }
            case IrOperation { Op: IrOp.Select } o:
                Line($"{declare} = {Ref(o.Args[0].Id)} ? {Arg(1, width)} : {Arg(2, width)};");
                break;
            case IrOperation { Op: IrOp.And or IrOp.Or } o:
                Line($"{declare} = {Ref(o.Args[0].Id)} {(o.Op == IrOp.And ? "&&" : "||")} {Ref(o.Args[1].Id)};");
                break;
            case IrOperation { Op: IrOp.Not } o:
                Line($"{declare} = !{Ref(o.Args[0].Id)};");
                break;
            case IrOperation o when _reduced.TryGetValue(o.Id, out var reduced):
                WriteQuotientComparison(name, reduced);
                break;
            case IrOperation o when _windowRatios.TryGetValue(o.Id, out var ratio):
            {
                var total = $"w{ratio.Quotient}_total";
                var drawdown = _program.Nodes[ratio.Quotient] is IrWindow { Kind: IrWindowKind.Drawdown };
                Line($"// {_names[ratio.Quotient]} {Comparison(ratio.Op)} {_names[ratio.Bound]} from the window's {(drawdown ? "peak and fall" : "totals")}, without dividing (hdl-backend/README.md, '{(drawdown ? "Drawdown compared" : "Window ratios")}')");
                // A window in block RAM has its totals at stage 1 (after the RAM's registered read).
                var from = _ramWindows.Contains(ratio.Quotient) ? 1 : 0;
                if (drawdown)
                {
                    // Folded, the wrapped case's remainder rows run over the fold from the held peak and fall.
                    var folded = _fold > 0 && from == 1 && EvaluationFold.Fits(DrawdownRemainderUnit, _foldBudget) ? EvaluationFold.Plan(DrawdownRemainderUnit, _foldBudget) : ((int, int)?)null;
                    DrawdownComparison.Write(Line, name, CarryTotal($"w{ratio.Quotient}_peak", from), CarryTotal($"w{ratio.Quotient}_fall", from), Ref(ratio.Bound), Width(ratio.Bound), ratio.Op, _constants[ratio.Bound], folded);
                }
                else
                {
                    // The totals at their lanes' width (whole lots: the zero bits dropped, SumAmount).
                    var lanes = WindowSumLanes.Of(((IrWindow)_program.Nodes[ratio.Quotient]).Kind, $"w{ratio.Quotient}");
                    // Folded, the totals are held from stage 1 (a block RAM window's): its products may be added over the fold.
                    var foldBudget = _fold > 0 && from == 1 && _readStage == 1 ? _foldBudget : 0;
                    WindowRatioComparison.Write(Line, name, CarryTotal($"{total}_a", from, lanes[0].Width), CarryTotal($"{total}_b", from, lanes[1].Width), Ref(ratio.Bound), Width(ratio.Bound), ratio.Op, _constants[ratio.Bound], lanes[0].ZeroBits, _constantProducts, foldBudget);
                }
                break;
            }
            case IrOperation o:
            {
                var common = Math.Max(Width(o.Args[0].Id), Width(o.Args[1].Id));
                Line($"{declare} = {Arg(0, common)} {Comparison(o.Op)} {Arg(1, common)};");
                break;
            }
            default:
                throw new System.Diagnostics.UnreachableException($"{node.GetType().Name} reached the Verilog writer (Synthesizability should refuse it)");
        }
    }

    /// <summary>
    /// A window whose ratio every reader compares with a build-time value: its state is built, its
    /// divider and value for the testbench's dump only (yosys defines SYNTHESIS, simulators do not).
    /// </summary>
    private void WriteDumpOnlyRatio(IrWindow w)
    {
        var name = _names[w.Id];
        new WindowSection(_v, _program, x => Signed(Ref(x.Id), Width(x.Id), 64), DepthSample, _ramWindows.Contains(w.Id)) { RatioForDumpOnly = true, Clocks = _clocks, RecordInterval = _interval, FoldBudget = _fold > 0 ? _foldBudget : 0 }.Write(w, $"{name}_value");
        _v.Append("`ifndef SYNTHESIS\n");
        Line("/* verilator lint_off UNUSEDSIGNAL */ // only the testbench's dump reads it");
        Line($"wire signed {Range(Width(w.Id))}{name} = {Signed($"{name}_value", 64, Width(w.Id))};");
        Line("/* verilator lint_on UNUSEDSIGNAL */");
        _v.Append("`endif\n");
    }

    /// <summary>A window's total (a signal of stage <paramref name="from"/>, <paramref name="width"/> bits) as read at the stage being written, carried in registers.</summary>
    private string CarryTotal(string total, int from, int width = 64)
    {
        if (_readStage < from)
            throw new System.Diagnostics.UnreachableException($"{total} is read at stage {_readStage}, before its stage {from}");
        var have = _carriedTotals.GetValueOrDefault(total, from);
        for (var s = have + 1; s <= _readStage; s++)
        {
            Line($"reg signed [{width - 1}:0] {total}_s{s};   // carried to stage {s}");
            Line($"always @(posedge clk) {LoadAt(s)}{total}_s{s} <= {(s - 1 == from ? total : $"{total}_s{s - 1}")};");
        }
        if (_readStage > have)
            _carriedTotals[total] = _readStage;
        return _readStage == from ? total : $"{total}_s{_readStage}";
    }

    /// <summary>
    /// q op t for q = trunc(a·2^16 / d), d &gt;= 0, t fixed at build time, without dividing
    /// (QuotientComparisons): q &gt;= m is n &gt;= m·d for m &gt; 0 and n &gt; (m - 1)·d for m &lt;= 0.
    /// The selects on t fold at elaboration, and so do the products into shifts and adds.
    /// </summary>
    private void WriteQuotientComparison(string name, QuotientComparisons.Reduced r)
    {
        var division = (IrOperation)_program.Nodes[r.Quotient];
        var (a, d, t) = (division.Args[0].Id, division.Args[1].Id, r.Bound);
        Line($"// {_names[division.Id]} {Comparison(r.Op)} {_names[t]} without dividing (d >= 0; hdl-backend/README.md, 'Comparisons of a quotient')");
        if (_constants[t] is { } bound)
        {
            // t known when writing: each m·d is shifts and adds, compared at the width it and n need.
            var nWidth = Width(a) + 16;
            Line($"wire signed {Range(nWidth)}{name}_n = $signed({{{Ref(a)}, 16'h0000}});");
            var decided = QuotientComparisons.WriteDecision(Line, name, $"{name}_n", nWidth, Ref(d), Width(d), _ranges.Ranges[d].Lo, _ranges.Ranges[d].Hi, bound, r.Op);
            Line($"wire {name} = ({Ref(d)} == {Literal(0, Width(d))}) ? {QuotientComparisons.Holds(0, r.Op, bound)} : ({decided});");
            return;
        }
        if (_linear[t] is { } form && WriteQuotientComparisonByParam(name, a, d, t, form, r.Op))
            return;
        // n needs a + 16 bits; m·d (a param's t + 1 times d) at most (t + 1) + d bits: a signed product of those widths fits.
        var w = Math.Max(Width(a) + 16, Width(t) + 1 + Width(d));
        string Wide(int id) => Signed(Ref(id), Width(id), w);
        Line($"wire signed {Range(w)}{name}_n = $signed({{{Signed(Ref(a), Width(a), w - 16)}, 16'h0000}});");
        Line($"wire signed {Range(w)}{name}_d = {Wide(d)};");
        Line($"wire signed {Range(w)}{name}_t = {Wide(t)};");
        var byDivision = QuotientComparisons.WriteDecision(Line, name, w, r.Op);
        var zero = Literal(0, w);
        // d = 0: the quotient is 0.
        Line($"wire {name} = ({name}_d == {zero}) ? ({zero} {Comparison(r.Op)} {name}_t) : ({byDivision});");
    }

    /// <summary>
    /// The same for t a param or a sum of params and constants whose sign of m (t or t + 1) the
    /// declared ranges fix: each m·d is one ParamProducts product, shared with a comparison of the
    /// same quotient against -t (imb &gt; threshold, imb &lt; -threshold). False when a sign is not fixed.
    /// </summary>
    private bool WriteQuotientComparisonByParam(string name, int a, int d, int t, BuildTimeLinear form, IrOp op)
    {
        var range = _ranges.Ranges[t];
        bool Fixed(int delta) => range.Lo + delta > 0 || range.Hi + delta <= 0;
        var needGe = op is IrOp.GreaterOrEqual or IrOp.Less or IrOp.Equal or IrOp.NotEqual;
        var needGt = op is IrOp.Greater or IrOp.LessOrEqual or IrOp.Equal or IrOp.NotEqual;
        if (needGe && !Fixed(0) || needGt && !Fixed(1))
            return false;
        var nWidth = Width(a) + 16;
        Line($"wire signed {Range(nWidth)}{name}_n = $signed({{{Ref(a)}, 16'h0000}});");
        void AtLeast(string suffix, int delta)
        {
            // q >= m is n >= m·d for m > 0, n > (m - 1)·d for m <= 0 (m = t + delta; its sign fixed by t's range).
            var positive = range.Lo + delta > 0;
            var factor = form.Plus(positive ? delta : delta - 1);
            var (lo, hi) = positive ? (range.Lo + delta, range.Hi + delta) : (range.Lo + delta - 1, range.Hi + delta - 1);
            var product = _paramProducts.Write($"{name}_{suffix}_product", Ref(d), Width(d), factor, lo, hi, mayNegate: true);
            Line($"wire {name}_{suffix} = {ParamProducts.Compare(Line, $"{name}_{suffix}_sum", $"{name}_n", nWidth, product, strict: !positive)};");
        }
        if (needGe)
            AtLeast("ge", 0);
        if (needGt)
            AtLeast("gt", 1);
        var decided = QuotientComparisons.FromAtLeastAndAbove(op, $"{name}_ge", $"{name}_gt");
        // d = 0: the quotient is 0.
        Line($"wire {name} = ({Ref(d)} == {Literal(0, Width(d))}) ? ({Literal(0, Width(t))} {Comparison(op)} {Ref(t)}) : ({decided});");
        return true;
    }

    private static string Comparison(IrOp op) => QuotientComparisons.Operator(op);

    /// <summary>The operand of a product fixed at elaboration with a linear form (BuildTimeLinear) while the other is not, if any.</summary>
    private int? ParamFactor(IrOperation o) =>
        _linear[o.Args[1].Id] is { IsConstant: false } && !_buildTime[o.Args[0].Id] ? 1
        : _linear[o.Args[0].Id] is { IsConstant: false } && !_buildTime[o.Args[1].Id] ? 0
        : null;

    /// <summary>The operand of a product that is known when writing while the other is not, if any.</summary>
    private int? ConstantFactor(IrOperation o) =>
        _constants[o.Args[1].Id] is not null && _constants[o.Args[0].Id] is null ? 1
        : _constants[o.Args[0].Id] is not null && _constants[o.Args[1].Id] is null ? 0
        : null;

    private void WriteInput(IrInput input, string declare)
    {
        var name = _names[input.Id];
        switch (input.Kind)
        {
            case IrInputKind.BestBid or IrInputKind.BestAsk:
                Line($"{declare} = $signed({{1'b0, {(input.Kind == IrInputKind.BestBid ? "bid" : "ask")}_price_0, 16'h0000}});");
                break;
            case IrInputKind.LastPrice:
                Line($"{declare} = $signed({{1'b0, last_price}});");
                break;
            case IrInputKind.BidDepth or IrInputKind.AskDepth:
            {
                var side = input.Kind == IrInputKind.BidDepth ? "bid" : "ask";
                var levels = RangeAnalysis.DepthLevels(input, _levels);
                var bits = SumBits(levels);
                var sum = $"{side}_cum_{levels}";
                if (input.LevelsParam is { } p)
                {
                    // levels: a param, fixed at elaboration; a value outside 1..N reads all N (the IL refuses it at load).
                    sum = $"{name}_lots";
                    var whole = $"p_{_program.Params[p].Name}[63:16]";
                    var choice = string.Concat(Enumerable.Range(1, levels - 1).Select(k => $"({whole} == 48'd{k}) ? {Unsigned($"{side}_cum_{k}", SumBits(k), bits)} : "));
                    Line($"wire [{bits - 1}:0] {sum} = {choice}{side}_cum_{levels};");
                }
                Line($"{declare} = $signed({{1'b0, {sum}, 16'h0000}});");
                break;
            }
            case IrInputKind.Position:
                Line($"{declare} = {Signed("view_position", 64, Width(input.Id))};");
                break;
            case IrInputKind.EntryPrice:
                Line($"{declare} = {Signed("view_entry_price", 64, Width(input.Id))};");
                break;
            case IrInputKind.TimeInPosition:
                Line($"{declare} = {Signed("view_time_in_position", 64, Width(input.Id))};");
                break;
            case IrInputKind.LossesInARow:
                Line($"{declare} = {Signed("view_losses_in_a_row", 64, Width(input.Id))};");
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"input {input.Kind} reached the Verilog writer");
        }
    }

    /// <summary>
    /// The highest value since entry (PeakSinceEntry): restarts when the position's sign changes,
    /// 0 when flat; updated on every evaluation, like the IL's.
    /// </summary>
    private void WritePeak(IrPeakSinceEntry peak, string declare, int width)
    {
        var p = $"pk{peak.Id}";
        var value = Signed(Ref(peak.Operand.Id), Width(peak.Operand.Id), 64);
        Line($"reg        {p}_active;");
        Line($"reg [1:0]  {p}_side;   // 0 flat, 1 long, 2 short");
        Line($"reg signed [63:0] {p}_peak;");
        Line($"wire [1:0] {p}_side_now = pf_flat ? 2'd0 : pf_short ? 2'd2 : 2'd1;");
        Line($"wire       {p}_continues = {p}_active && {p}_side == {p}_side_now;");
        Line($"wire signed [63:0] {p}_value = {value};");
        Line($"wire signed [63:0] {p}_next = ({p}_side_now == 2'd0) ? 64'sd0 : ({p}_continues && {p}_peak > {p}_value) ? {p}_peak : {p}_value;");
        Line("always @(posedge clk) begin");
        Line($"    if (rst) begin {p}_active <= 1'b0; {p}_side <= 2'd0; {p}_peak <= 64'sd0; end");
        Line($"    else if (eval_pending) begin {p}_active <= {p}_side_now != 2'd0; {p}_side <= {p}_side_now; {p}_peak <= {p}_next; end");
        Line("end");
        Line($"{declare} = {Signed($"{p}_next", 64, width)};");
    }

    /// <summary>The levels avg_depth samples: its count, or with a <c>levels:</c> param any count up to the book.</summary>
    private int WindowLevels(IrWindow w) => w.LevelsParam is null ? Math.Min(w.Levels, _levels) : _levels;

    /// <summary>avg_depth's sample: bid plus ask size over its levels, as Q47.16 lots.</summary>
    private string DepthSample(IrWindow w)
    {
        var levels = WindowLevels(w);
        var bits = SumBits(levels);
        string Side(string side)
        {
            if (w.LevelsParam is not { } p)
                return Unsigned($"{side}_cum_{levels}", bits, bits + 1);
            var whole = $"p_{_program.Params[p].Name}[63:16]";
            var choice = string.Concat(Enumerable.Range(1, levels - 1).Select(k => $"({whole} == 48'd{k}) ? {Unsigned($"{side}_cum_{k}", SumBits(k), bits + 1)} : "));
            return $"({choice}{Unsigned($"{side}_cum_{levels}", bits, bits + 1)})";
        }
        return $"$signed({{{64 - 16 - bits - 1}'d0, {Side("bid")} + {Side("ask")}, 16'h0000}})";
    }

    private void WriteDecisions()
    {
        var v = _v;
        v.Append("    // ---- stage 3: the decision list in order; the first whose condition holds acts ----\n");
        _readStage = _stages;
        var (pending, refill) = ("eval_pending", "eval_refill");
        if (_stages > 0)
        {
            // The event's flags travel with its values; the decision values are read at the last stage.
            var rules = _program.Decisions.Any(d => d.Kind == IrDecisionKind.Rule);
            for (var s = 1; s <= _stages; s++)
            {
                Line($"reg eval_pending_s{s};");
                Line($"always @(posedge clk) eval_pending_s{s} <= !rst && {(s == 1 ? "eval_pending" : $"eval_pending_s{s - 1}")};");
                if (rules)
                {
                    Line($"reg eval_refill_s{s};");
                    Line($"always @(posedge clk) eval_refill_s{s} <= {(s == 1 ? "eval_refill" : $"eval_refill_s{s - 1}")};");
                }
            }
            (pending, refill) = ($"eval_pending_s{_stages}", $"eval_refill_s{_stages}");
            // Folded: the decision waits while the sequential units finish; every value it reads is held.
            for (var k = 1; k <= _fold; k++)
            {
                Line($"reg eval_fold_{k};");
                Line($"always @(posedge clk) eval_fold_{k} <= !rst && {(k == 1 ? pending : $"eval_fold_{k - 1}")};");
                if (rules)
                {
                    Line($"reg eval_fold_refill_{k};");
                    Line($"always @(posedge clk) eval_fold_refill_{k} <= {(k == 1 ? refill : $"eval_fold_refill_{k - 1}")};");
                }
            }
            if (_fold > 0)
                (pending, refill) = ($"eval_fold_{_fold}", $"eval_fold_refill_{_fold}");
            foreach (var value in DecisionValues(_program).Where(x => _used[x.Id]))
                Ref(value.Id);
        }
        for (var d = 0; d < _program.Decisions.Length; d++)
        {
            var decision = _program.Decisions[d];
            // The evaluation after our own fill tries circuit breakers and exits only.
            var gate = decision.Kind == IrDecisionKind.Rule ? $" && !{refill}" : "";
            v.Append(CultureInfo.InvariantCulture, $"    wire d{d}_when = {Ref(decision.Condition.Id)}{gate};    // {Describe(decision)}\n");
        }
        v.Append($$"""
                always @(posedge clk) begin
                    if (rst) begin
                        out_valid <= 1'b0;
                        out_action <= 3'd0;
                        out_decision <= 16'hFFFF;
                        out_price <= 64'sh0;
                        out_quantity <= 64'sh0;
                        out_market <= 1'b0;
                        out_stand_aside <= 64'sh0;
                        out_kill <= 1'b0;
                        out_algo <= 2'd0;
                        out_slice_over <= 64'sh0;
                        out_slices <= 64'sh0;
                    end else begin
                        out_valid <= {{pending}};
                        if ({{pending}}) begin

            """);
        var keyword = "if";
        for (var d = 0; d < _program.Decisions.Length; d++)
        {
            var decision = _program.Decisions[d];
            v.Append(CultureInfo.InvariantCulture, $"                {keyword} (d{d}_when) begin\n");
            WriteAction(d, decision.Action);
            v.Append("                end\n");
            keyword = "else if";
        }
        var indent = _program.Decisions.IsEmpty ? "" : "else ";
        v.Append(CultureInfo.InvariantCulture, $"                {indent}begin\n");
        Outputs(ActionCodes.None, ActionCodes.NoDecision, null, null, false, null);
        v.Append("                end\n            end\n        end\n    end\n\n");
        v.Append("""
                `ifdef FORMAL
                    // The kill switch, once engaged, stays engaged until reset: proved by yosys-smtbmc with z3
                    // (base case and induction; hdl-backend/README.md, "Formal check").
                    reg f_past_valid = 1'b0;
                    always @(posedge clk) f_past_valid <= 1'b1;
                    always @(posedge clk) begin
                        if (f_past_valid && $past(out_kill) && !$past(rst))
                            kill_latched: assert (out_kill);
                    end
                `endif

            """);
    }

    private void WriteAction(int index, IrAction action)
    {
        switch (action)
        {
            case IrTrade t:
                Outputs(ActionCodes.Of(t), index, t.LimitPrice, t.Quantity, t.LimitPrice is null, null, t.Slicer);
                break;
            case IrFlatten f:
                Outputs(ActionCodes.Flatten, index, null, null, false, f.StandAside);
                break;
            default:
                Outputs(ActionCodes.Of(action), index, null, null, false, null);
                break;
        }
        if (action is IrKill)
            _v.Append("                    out_kill <= 1'b1;\n");
    }

    private void Outputs(int action, int decision, IrValue? price, IrValue? quantity, bool market, IrValue? standAside, IrSlicer? slicer = null)
    {
        string Wide(IrValue? value) => value is { } x ? Signed(Ref(x.Id), Width(x.Id), 64) : "64'sh0";
        // As the IL's StrategyAction: twap/vwap carry their duration and slice count, an iceberg its shown quantity.
        var algo = slicer?.Algorithm switch
        {
            Compiler.Syntax.SliceAlgorithm.Twap => 1,
            Compiler.Syntax.SliceAlgorithm.Vwap => 2,
            Compiler.Syntax.SliceAlgorithm.Iceberg => 3,
            _ => 0,
        };
        var slices = slicer?.Algorithm == Compiler.Syntax.SliceAlgorithm.Iceberg ? slicer.Show : slicer?.Slices;
        _v.Append(CultureInfo.InvariantCulture, $"""
                                out_action <= 3'd{action};
                                out_decision <= 16'd{decision};
                                out_price <= {Wide(price)};
                                out_quantity <= {Wide(quantity)};
                                out_market <= 1'b{(market ? 1 : 0)};
                                out_stand_aside <= {Wide(standAside)};
                                out_algo <= 2'd{algo};
                                out_slice_over <= {Wide(slicer?.Over)};
                                out_slices <= {Wide(slices)};

            """);
    }

    private static string Describe(IrDecision d)
    {
        var kind = d.Kind switch
        {
            IrDecisionKind.CircuitBreaker => "breaker",
            IrDecisionKind.Exit => "exit",
            _ => $"rule priority {d.Priority}",
        };
        var line = d.Location is { } l ? $" ({Path.GetFileName(l.Source.Path)}:{l.Start.Line})" : "";
        return $"{kind} {d.Name} => {ActionCodes.Name(ActionCodes.Of(d.Action))}{line}";
    }

    private string Cite(int node) =>
        _program.Origins.TryGetValue(node, out var o) ? $"{Path.GetFileName(o.Source.Path)}:{o.Start.Line}" : "generated";

    private void Line(string text) => _v.Append("    ").Append(text).Append('\n');

    private static string Format(ScalpType type, long raw) => type.Kind switch
    {
        TypeKind.Bool => raw != 0 ? "true" : "false",
        _ when type.Unit == Unit.Duration => $"{raw.ToString(CultureInfo.InvariantCulture)}ns",
        _ => $"{new Fixed(raw)} (raw {raw.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>What the decisions read: each condition and its action's values.</summary>
    private static IEnumerable<IrValue> DecisionValues(IrProgram program) =>
        program.Decisions.SelectMany(d => new[] { d.Condition }.Concat((d.Action switch
        {
            IrTrade t => new IrValue?[] { t.Quantity, t.LimitPrice, t.Slicer?.Over, t.Slicer?.Slices, t.Slicer?.Show },
            IrFlatten f => [f.StandAside],
            _ => [],
        }).OfType<IrValue>()));

    /// <summary>Nodes some decision reads: its condition and its action's values.</summary>
    /// <summary>The nodes the decisions read, directly or through others (a window's length and bar excepted).</summary>
    internal static bool[] UsedByDecisions(IrProgram program)
    {
        var used = new bool[program.Nodes.Length];
        var pending = new Stack<int>(DecisionValues(program).Select(v => v.Id));
        while (pending.TryPop(out var id))
        {
            if (used[id])
                continue;
            used[id] = true;
            // A window's length and bar are elaboration-time constants read by name, not wires.
            var operands = program.Nodes[id] is IrWindow w ? (w.Operand is { } o ? [o] : []) : program.Nodes[id].Operands;
            foreach (var operand in operands)
                pending.Push(operand.Id);
        }
        return used;
    }

    /// <summary>A signal's own name (the first in ordinal order when several name one node), else n&lt;id&gt;.</summary>
    private static string NameOf(IrProgram program, int id)
    {
        var signal = program.Signals.Where(s => s.Value.Id == id).Select(s => s.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        return signal is null ? $"n{id}" : $"sig_{signal}";
    }
}
