using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Abi.Windows;
using AbiSlice = ScalpLang.Runtime.Abi.SliceAlgorithm;
using SyntaxSlice = ScalpLang.Compiler.Syntax.SliceAlgorithm;

namespace ScalpLang.Backend.Il;

/// <summary>
/// Phase 4: IR -> IL, saved with PersistedAssemblyBuilder. The emitted class derives from
/// <see cref="CompiledStrategy"/>: its constructor passes the metadata JSON, CreateState builds
/// one window object per window node from the final parameters, and Evaluate updates every
/// window once per event, then takes the first decision whose condition holds, computing each
/// pure node into a local only on the paths that need it. Arithmetic is the reference's:
/// add/sub/neg wrap, Q.Mul and Q.Div for multiply and divide, comparisons on raw values.
/// </summary>
public sealed class IlBackend
{
    private readonly IrProgram _program;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<int, FieldBuilder> _stateFields = [];
    private readonly Dictionary<int, FieldBuilder> _paramFields = [];
    private readonly Dictionary<int, FieldBuilder> _levelsFields = [];
    private readonly IlEmitOptions _options;
    private ModelEmitter? _models;

    private ScriptCallEmitter? _scriptCalls;

    // Nodes Evaluate computes at their reader, on the stack (InlineValues); the rest get a local.
    private HashSet<int> _inline = [];

    // ONNX models in IR order: the index the emitted code passes to CompiledStrategy.NeuralScore.
    private readonly ImmutableArray<IrNeuralModel> _neuralModels;

    private IlBackend(IrProgram program, IlEmitOptions options)
    {
        _program = program;
        _options = options;
        _neuralModels = [.. program.Nodes.OfType<IrNeuralModel>()];
    }

    public static string TypeNameOf(IrProgram program) => "ScalpLang.Strategies." + program.Name;

    public static IlEmitResult Emit(IrProgram program, IlEmitOptions? options = null)
    {
        var backend = new IlBackend(program, options ?? IlEmitOptions.Default);
        byte[]? image;
        try
        {
            image = backend.EmitAssembly();
        }
        finally
        {
            backend._scriptCalls?.Dispose();
        }
        var diagnostics = backend._diagnostics.ToImmutable();
        return new IlEmitResult(diagnostics.Any(d => d.IsError) ? null : image, TypeNameOf(program), diagnostics);
    }

    private byte[]? EmitAssembly()
    {
        // A model that was not read into the IR (an ONNX model, or a front end run without a model
        // reader) cannot be scored; the feature tap of `scalp train` takes no decision and needs none.
        if (_options.FeatureTapModel is null)
        {
            foreach (var model in _program.Nodes.OfType<IrModel>())
                _diagnostics.Report(DiagnosticDescriptors.IlUnsupported, model.Location, $"model '{model.Name}'", FeatureTap.WhyUnread(model));
        }
        if (_diagnostics.HasErrors)
            return null;

        var name = new AssemblyName(_program.Name) { Version = new Version(1, 0, 0, 0) };
        var assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(_program.Name);
        var type = module.DefineType(TypeNameOf(_program), TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(CompiledStrategy));
        _models = new ModelEmitter(type);

        for (var i = 0; i < _program.Params.Length; i++)
            _paramFields[i] = type.DefineField($"param_{_program.Params[i].Name}", typeof(long), FieldAttributes.Private);
        var levelsParams = _program.Nodes.Select(n => n switch { IrInput i => i.LevelsParam, IrWindow w => w.LevelsParam, _ => null });
        foreach (var p in levelsParams.OfType<int>().Distinct().Order())
            _levelsFields[p] = type.DefineField($"levels_{_program.Params[p].Name}", typeof(int), FieldAttributes.Private);
        foreach (var node in _program.Nodes)
        {
            if (StateType(node) is { } stateType)
                _stateFields[node.Id] = type.DefineField($"state_{node.Id}", stateType, FieldAttributes.Private);
        }

        EmitConstructor(type);
        EmitCreateState(type);
        EmitEvaluate(type);
        type.CreateType();

        using var stream = new MemoryStream();
        assembly.Save(stream);
        return stream.ToArray();
    }

    private static Type? StateType(IrNode node) => node switch
    {
        IrWindow w => w.Kind switch
        {
            IrWindowKind.AvgDepth or IrWindowKind.Sma => typeof(SmaWindow),
            IrWindowKind.CancelRate => typeof(CancelRateWindow),
            IrWindowKind.AggressorRatio => typeof(AggressorRatioWindow),
            IrWindowKind.TradeVolume => typeof(TradeVolumeWindow),
            IrWindowKind.Vwap => typeof(VwapWindow),
            IrWindowKind.Drawdown => typeof(DrawdownWindow),
            IrWindowKind.Atr => typeof(AtrWindow),
            IrWindowKind.Ema => typeof(EmaWindow),
            _ => typeof(ZscoreWindow),
        },
        IrPeakSinceEntry => typeof(PeakSinceEntry),
        _ => null,
    };

    private void EmitConstructor(TypeBuilder type)
    {
        var ctor = type.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig, CallingConventions.Standard, Type.EmptyTypes);
        var il = ctor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldstr, MetadataJson());
        il.Emit(OpCodes.Call, typeof(CompiledStrategy).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string)])!);
        il.Emit(OpCodes.Ret);
    }

    private string MetadataJson()
    {
        var instrument = _program.Instrument is { } i ? new InstrumentInfo(i.Symbol, i.TickSize, i.LotSize, i.Currency) : null;
        var parameters = _program.Params.Select(p => new Runtime.Abi.ParameterInfo(p.Name, p.Type.ToString(), p.Default, p.Lower, p.Upper));
        var limits = _program.RiskLimits.Select(l =>
        {
            var (value, valueParam) = Known(l.Value);
            var (per, perParam) = l.Per is { } p ? Known(p) : (null, null);
            return new RiskLimitInfo(Snake(l.Kind.ToString()), value ?? 0, valueParam, per, perParam);
        });
        return new StrategyMetadata(_program.Name, instrument, _program.BookDepth, [.. parameters], [.. limits],
            [.. _program.Decisions.Select(d => d.Name)], ["il"],
            SlicesByVolume: _program.Decisions.Any(d => d.Action is IrTrade { Slicer.Algorithm: Compiler.Syntax.SliceAlgorithm.Vwap }),
            DepthLevelsRead: DepthLevelsRead(),
            Sentiments: _program.Sentiments.IsEmpty ? null : [.. _program.Sentiments.Select(s => new SentimentInfo(s.Name, s.ModelPath))],
            NeuralModels: _neuralModels.Length == 0 ? null
                : [.. _neuralModels.Select(n => new Runtime.Abi.Models.NeuralModelInfo(n.Name, n.Path, n.Features.Length, n.History))]).ToJson();
    }

    /// <summary>The deepest level any depth input reads (a <c>levels:</c> param may reach the book depth).</summary>
    private int DepthLevelsRead()
    {
        int Reach(int levels, int? param) => param is null ? levels : _program.BookDepth;
        return _program.Nodes.Select(n => n switch
        {
            IrInput { Kind: IrInputKind.BidDepth or IrInputKind.AskDepth } i => Reach(i.Levels, i.LevelsParam),
            IrWindow { Kind: IrWindowKind.AvgDepth } w => Reach(w.Levels, w.LevelsParam),
            _ => 0,
        }).DefaultIfEmpty(0).Max();
    }

    /// <summary>A load-time constant as metadata: its raw value, or the parameter that holds it.</summary>
    private (long? Raw, string? Parameter) Known(IrValue value) => _program[value] switch
    {
        IrConst c => (c.Raw, null),
        IrParam p => (null, _program.Params[p.Index].Name),
        _ => throw new System.Diagnostics.UnreachableException("risk limits are load-time constants"),
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));


    /// <summary>Copies the parameters into fields and creates the windows from them.</summary>
    private void EmitCreateState(TypeBuilder type)
    {
        var method = type.DefineMethod("CreateState", MethodAttributes.Family | MethodAttributes.Virtual | MethodAttributes.HideBySig,
            typeof(void), Type.EmptyTypes);
        var il = method.GetILGenerator();
        var parameter = typeof(CompiledStrategy).GetMethod("Parameter", BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var (index, field) in _paramFields)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, index);
            il.Emit(OpCodes.Call, parameter);
            il.Emit(OpCodes.Stfld, field);
        }
        var levelsFrom = typeof(CompiledStrategy).GetMethod("LevelsFrom", BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var (index, field) in _levelsFields)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldstr, _program.Params[index].Name);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, _paramFields[index]);
            il.Emit(OpCodes.Ldc_I4, _program.BookDepth);
            il.Emit(OpCodes.Call, levelsFrom);
            il.Emit(OpCodes.Stfld, field);
        }
        foreach (var (id, field) in _stateFields)
        {
            il.Emit(OpCodes.Ldarg_0);
            var node = _program.Nodes[id];
            if (node is IrWindow w)
            {
                LoadConstant(il, w.Window);
                if (w.Bar is { } bar)
                    LoadConstant(il, bar);
            }
            il.Emit(OpCodes.Newobj, field.FieldType.GetConstructors().Single());
            il.Emit(OpCodes.Stfld, field);
        }
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, typeof(CompiledStrategy).GetMethod("CreateState", BindingFlags.NonPublic | BindingFlags.Instance)!);
    }

    /// <summary>A load-time constant (window length, bar): a literal, or a parameter's field.</summary>
    private void LoadConstant(ILGenerator il, IrValue value)
    {
        switch (_program[value])
        {
            case IrConst c:
                il.Emit(OpCodes.Ldc_I8, c.Raw);
                break;
            case IrParam p:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, _paramFields[p.Index]);
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"{value} is not a load-time constant (the IR verifier should have caught it)");
        }
    }

    private void EmitEvaluate(TypeBuilder type)
    {
        var method = type.DefineMethod("Evaluate", MethodAttributes.Family | MethodAttributes.Virtual | MethodAttributes.HideBySig,
            typeof(void), [typeof(MarketView).MakeByRefType(), typeof(IActionSink)]);
        // Every local is written before it is read (EnsureComputed), so the prolog need not zero
        // the frame (with inlined window updates it is hundreds of bytes, paid on every event).
        method.InitLocals = false;
        // A host loop that sees one strategy type may then inline Evaluate (guarded
        // devirtualization), as it does a hand-written one; the JIT still declines past 32 locals.
        method.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
        var il = method.GetILGenerator();
        // Declared when first stored (EnsureComputed): a local only for what is not computed inline.
        var locals = new LocalBuilder[_program.Nodes.Length];
        // The feature tap of `scalp train` reads features from locals and is not hot.
        _inline = _options.FeatureTapModel is null ? InlineValues.Find(_program, Conjuncts, RecordsApart) : [];
        var computed = new HashSet<int>();

        // State first: every window (and peak) advances on every event, in IR order, with what it
        // samples. A window whose value costs a division or more (ratios, z-score) only records
        // here; its value is computed when a decision needs it.
        foreach (var node in _program.Nodes)
        {
            if (node is IrWindow window && RecordsApart(window.Kind))
            {
                if (window.Operand is { } operand)
                    EnsureComputed(il, operand, locals, computed);
                EmitWindowCall(il, window, locals, "Record");
            }
            else if (node is IrWindow or IrPeakSinceEntry)
            {
                EnsureComputed(il, new IrValue(node.Id), locals, computed);
            }
            else if (node is IrNeuralModel neural)
            {
                EmitNeuralRecord(il, neural, locals, computed);
            }
        }

        if (_options.FeatureTapModel is { } tapped)
        {
            FeatureTap.Emit(type, il, _program, tapped, id => EnsureComputed(il, new IrValue(id), locals, computed), locals);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(method, typeof(CompiledStrategy).GetMethod("Evaluate", BindingFlags.NonPublic | BindingFlags.Instance)!);
            return;
        }

        // Then the decisions in order; every other node is pure and computed only when a decision
        // reaches it. A condition is an `and` chain tried conjunct by conjunct (an exit's first
        // conjunct is `position != 0`, so a flat strategy skips its arithmetic).
        var end = il.DefineLabel();
        var decisions = _program.Decisions;
        var firstRule = -1;
        for (var d = decisions.Length - 1; d >= 0; d--)
            firstRule = decisions[d].Kind == IrDecisionKind.Rule ? d : firstRule;
        for (var d = 0; d < decisions.Length;)
        {
            if (d == firstRule)
            {
                // grammar/README.md §10: the evaluation after our own fill tries breakers and exits only.
                LoadView(il, nameof(MarketView.Kind));
                il.Emit(OpCodes.Ldc_I4, (int)MarketEventKind.Fill);
                il.Emit(OpCodes.Beq, end);
            }
            var order = CheapestFirst(Conjuncts(decisions[d].Condition), computed);
            // Decisions that follow with the same first conjunct (the exits' `position != 0`, the
            // rules' `spread <= max_spread`) are tried inside one test of it, so that what one
            // decision computed before failing (the unrealized P&L, the imbalance) is not computed
            // again by the next one, and a false shared conjunct skips them all at once.
            var last = d;
            while (last + 1 < decisions.Length && last + 1 != firstRule && Conjuncts(decisions[last + 1].Condition).Contains(order[0]))
                last++;
            if (last == d)
            {
                computed = EmitDecision(il, d, order, locals, computed);
                d++;
                continue;
            }
            var shared = order[0];
            var groupEnd = il.DefineLabel();
            EnsureComputed(il, shared, locals, computed);
            LoadValue(il, shared, locals);
            il.Emit(OpCodes.Brfalse, groupEnd);
            HashSet<int> afterShared = [.. computed];
            for (var k = d; k <= last; k++)
            {
                var rest = k == d ? order.Skip(1).ToList() : CheapestFirst(Conjuncts(decisions[k].Condition).Where(c => c != shared), computed);
                computed = EmitDecision(il, k, rest, locals, computed);
            }
            il.MarkLabel(groupEnd);
            // Every path here computed the shared conjunct; past its test, nothing is certain.
            computed = afterShared;
            d = last + 1;
        }
        il.MarkLabel(end);
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, typeof(CompiledStrategy).GetMethod("Evaluate", BindingFlags.NonPublic | BindingFlags.Instance)!);
    }

    /// <summary>
    /// An ONNX model's history advances on every evaluation, like a window: its features are
    /// computed and written as the newest row. Scoring waits until a decision reads the model.
    /// </summary>
    private void EmitNeuralRecord(ILGenerator il, IrNeuralModel model, LocalBuilder[] locals, HashSet<int> computed)
    {
        const BindingFlags instance = BindingFlags.NonPublic | BindingFlags.Instance;
        var set = typeof(CompiledStrategy).GetMethod("NeuralSet", instance)!;
        var index = _neuralModels.IndexOf(model);
        for (var i = 0; i < model.Features.Length; i++)
        {
            EnsureComputed(il, model.Features[i], locals, computed);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, index);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldloc, locals[model.Features[i].Id]);
            il.Emit(OpCodes.Call, set);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Call, typeof(CompiledStrategy).GetMethod("NeuralCommit", instance)!);
    }

    /// <summary>
    /// Emits decision <paramref name="index"/>: its conjuncts in <paramref name="order"/>, each
    /// jumping past the decision when false, then its action and the return.
    /// Returns what is computed on every path past it: the first conjunct always ran, the others may not have.
    /// </summary>
    private HashSet<int> EmitDecision(ILGenerator il, int index, List<IrValue> order, LocalBuilder[] locals, HashSet<int> computed)
    {
        var decision = _program.Decisions[index];
        var next = il.DefineLabel();
        HashSet<int>? afterFirst = null;
        foreach (var conjunct in order)
        {
            EnsureComputed(il, conjunct, locals, computed);
            LoadValue(il, conjunct, locals);
            il.Emit(OpCodes.Brfalse, next);
            afterFirst ??= [.. computed];
        }
        afterFirst ??= [.. computed];
        EmitAction(il, decision.Action, index, locals, computed);
        // Return right after the action, not through a branch to the shared ret: where the JIT
        // leaves Act out of line (its inlining budget spent), a call right before a ret becomes a
        // tail jump, as for C#'s `Act(...); return;`. Most events act in a tripped breaker.
        il.Emit(OpCodes.Ret);
        il.MarkLabel(next);
        return afterFirst;
    }

    /// <summary>
    /// The conjuncts in the order to try them: those that need no division, multiplication or
    /// window value (given what is computed by then) first, then the rest, each group in source
    /// order, which is the writer's guess of what fails most often. Conjuncts are pure, so the
    /// order cannot change the result, only how often a division is spared.
    /// </summary>
    private List<IrValue> CheapestFirst(IEnumerable<IrValue> conjuncts, HashSet<int> computed)
    {
        // Classified once, up front: the caller computes nodes while it walks the result.
        var all = conjuncts.Distinct().Select(c => (Conjunct: c, Cheap: IsCheap(c, computed))).ToList();
        return [.. all.Where(c => c.Cheap).Select(c => c.Conjunct), .. all.Where(c => !c.Cheap).Select(c => c.Conjunct)];
    }

    /// <summary>Whether computing <paramref name="value"/> given <paramref name="computed"/> takes only adds, compares and loads.</summary>
    private bool IsCheap(IrValue value, HashSet<int> computed)
    {
        var missing = new HashSet<int>();
        Missing(value, computed, missing, throughInline: false);
        return !missing.Any(id => _program.Nodes[id] is IrOperation { Op: IrOp.Divide or IrOp.Multiply } or IrWindow or IrScriptCall or IrNeuralModel);
    }

    /// <summary>
    /// Adds to <paramref name="into"/> the nodes <paramref name="value"/> needs that are not in
    /// <paramref name="computed"/>; with <paramref name="throughInline"/>, only those that need a
    /// local (an inline node is computed by its reader, but its operands must be ready).
    /// </summary>
    private void Missing(IrValue value, HashSet<int> computed, HashSet<int> into, bool throughInline = true)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<int>([value.Id]);
        while (pending.TryPop(out var id))
        {
            if (computed.Contains(id) || !seen.Add(id))
                continue;
            if (!(throughInline && _inline.Contains(id)))
                into.Add(id);
            foreach (var operand in EvaluationOperands(_program.Nodes[id]))
                pending.Push(operand.Id);
        }
    }

    /// <summary>The operands of a (nested) <c>and</c>, left to right; any other condition is one conjunct.</summary>
    private IEnumerable<IrValue> Conjuncts(IrValue condition)
    {
        if (_program[condition] is IrOperation { Op: IrOp.And } and)
            return and.Args.SelectMany(Conjuncts);
        return [condition];
    }

    /// <summary>
    /// Emits, in IR order (operands before users), every node <paramref name="value"/> needs that
    /// is not yet in a local on all paths to this point. Pure nodes may be computed again on
    /// another path: they depend on nothing but their operands.
    /// </summary>
    private void EnsureComputed(ILGenerator il, IrValue value, LocalBuilder[] locals, HashSet<int> computed)
    {
        var missing = new HashSet<int>();
        Missing(value, computed, missing);
        foreach (var id in missing.Order())
        {
            var node = _program.Nodes[id];
            EmitNode(il, node, locals);
            // Bools live as int32 0/1, what the comparison opcodes leave: no widening, and the JIT
            // keeps them in flags or byte registers.
            locals[id] ??= il.DeclareLocal(IsBool(node) ? typeof(int) : typeof(long));
            il.Emit(OpCodes.Stloc, locals[id]);
            computed.Add(id);
        }
    }

    /// <summary>Pushes a value EnsureComputed made ready: from its local, or computed here if it is inline.</summary>
    private void LoadValue(ILGenerator il, IrValue value, LocalBuilder[] locals)
    {
        if (_inline.Contains(value.Id))
            EmitNode(il, _program.Nodes[value.Id], locals);
        else
            il.Emit(OpCodes.Ldloc, locals[value.Id]);
    }

    /// <summary>The nodes whose locals a node's code reads (a window's length and bar are load-time fields).</summary>
    private static ImmutableArray<IrValue> EvaluationOperands(IrNode node) => node switch
    {
        IrWindow w => w.Operand is { } operand ? [operand] : [],
        IrNeuralModel => [], // its features were recorded into its history at the start of the evaluation
        _ => node.Operands,
    };

    private static void LoadView(ILGenerator il, string field)
    {
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldfld, typeof(MarketView).GetField(field)!);
    }

    private void EmitNode(ILGenerator il, IrNode node, LocalBuilder[] locals)
    {
        switch (node)
        {
            case IrConst c when IsBool(c):
                il.Emit(OpCodes.Ldc_I4, c.Raw == 0 ? 0 : 1);
                break;
            case IrConst c:
                il.Emit(OpCodes.Ldc_I8, c.Raw);
                break;
            case IrParam p:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, _paramFields[p.Index]);
                break;
            case IrInput input:
                EmitInput(il, input);
                break;
            case IrOperation o:
                EmitOperation(il, o, locals);
                break;
            case IrWindow w:
                EmitWindow(il, w, locals);
                break;
            case IrScriptCall s:
                (_scriptCalls ??= new ScriptCallEmitter()).Emit(il, s, locals);
                break;
            case IrModelScore model:
                foreach (var feature in model.Features)
                    il.Emit(OpCodes.Ldloc, locals[feature.Id]);
                il.Emit(OpCodes.Call, _models!.Define(model));
                break;
            case IrSentiment sentiment:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, sentiment.Slot);
                il.Emit(OpCodes.Call, typeof(CompiledStrategy).GetMethod("Sentiment", BindingFlags.NonPublic | BindingFlags.Instance)!);
                break;
            case IrNeuralModel neural:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, _neuralModels.IndexOf(neural));
                il.Emit(OpCodes.Call, typeof(CompiledStrategy).GetMethod("NeuralScore", BindingFlags.NonPublic | BindingFlags.Instance)!);
                break;
            case IrPeakSinceEntry peak:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldfld, _stateFields[peak.Id]);
                LoadValue(il, peak.Operand, locals);
                LoadView(il, nameof(MarketView.Position)); // signed: a reversal restarts the peak
                il.Emit(OpCodes.Callvirt, typeof(PeakSinceEntry).GetMethod(nameof(PeakSinceEntry.Update), [typeof(long), typeof(long)])!);
                break;
            default:
                throw new System.Diagnostics.UnreachableException($"the IL backend does not handle {node.GetType().Name}");
        }
    }

    /// <summary>A <c>levels:</c> count: a literal, or the field CreateState filled from its param.</summary>
    private void LoadLevels(ILGenerator il, int levels, int? param)
    {
        if (param is { } p)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, _levelsFields[p]);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4, levels);
        }
    }

    private void EmitInput(ILGenerator il, IrInput input)
    {
        switch (input.Kind)
        {
            case IrInputKind.BidDepth or IrInputKind.AskDepth:
                il.Emit(OpCodes.Ldarg_1);
                LoadLevels(il, input.Levels, input.LevelsParam);
                var name = input.Kind == IrInputKind.BidDepth ? nameof(MarketView.BidDepthOver) : nameof(MarketView.AskDepthOver);
                il.Emit(OpCodes.Call, typeof(MarketView).GetMethod(name)!);
                break;
            default:
                LoadView(il, input.Kind switch
                {
                    IrInputKind.BestBid => nameof(MarketView.BestBid),
                    IrInputKind.BestAsk => nameof(MarketView.BestAsk),
                    IrInputKind.LastPrice => nameof(MarketView.LastPrice),
                    IrInputKind.Position => nameof(MarketView.Position),
                    IrInputKind.EntryPrice => nameof(MarketView.EntryPrice),
                    IrInputKind.TimeInPosition => nameof(MarketView.TimeInPosition),
                    _ => nameof(MarketView.LossesInARow),
                });
                break;
        }
    }

    private void EmitOperation(ILGenerator il, IrOperation o, LocalBuilder[] locals)
    {
        void Load(int i) => LoadValue(il, o.Args[i], locals);
        if (o.Op == IrOp.Multiply)
        {
            // Products are commutative: a constant on either side is split at build time.
            if (_program[o.Args[1]] is IrConst right)
                MultiplyEmitter.EmitByConstant(il, locals[o.Args[0].Id], right.Raw);
            else if (_program[o.Args[0]] is IrConst left)
                MultiplyEmitter.EmitByConstant(il, locals[o.Args[1].Id], left.Raw);
            else
                MultiplyEmitter.Emit(il, locals[o.Args[0].Id], locals[o.Args[1].Id]);
            return;
        }
        if (o.Op == IrOp.Select)
        {
            var otherwise = il.DefineLabel();
            var done = il.DefineLabel();
            Load(0);
            il.Emit(OpCodes.Brfalse, otherwise);
            Load(1);
            il.Emit(OpCodes.Br, done);
            il.MarkLabel(otherwise);
            Load(2);
            il.MarkLabel(done);
            return;
        }
        Load(0);
        if (o.Args.Length > 1)
            Load(1);
        switch (o.Op)
        {
            case IrOp.Add: il.Emit(OpCodes.Add); break;
            case IrOp.Subtract: il.Emit(OpCodes.Sub); break;
            case IrOp.Negate: il.Emit(OpCodes.Neg); break;
            case IrOp.Divide: il.Emit(OpCodes.Call, typeof(Q).GetMethod(nameof(Q.Div))!); break;
            case IrOp.And: il.Emit(OpCodes.And); break;
            case IrOp.Or: il.Emit(OpCodes.Or); break;
            case IrOp.Not: il.Emit(OpCodes.Ldc_I4_1); il.Emit(OpCodes.Xor); break;
            default: EmitComparison(il, o.Op); break;
        }
    }

    private static bool IsBool(IrNode node) => node.Type.Kind == TypeKind.Bool;

    /// <summary>Comparisons leave 0/1 as an int32, the IL representation of an IR bool.</summary>
    private static void EmitComparison(ILGenerator il, IrOp op)
    {
        switch (op)
        {
            case IrOp.Less: il.Emit(OpCodes.Clt); break;
            case IrOp.Greater: il.Emit(OpCodes.Cgt); break;
            case IrOp.Equal: il.Emit(OpCodes.Ceq); break;
            case IrOp.LessOrEqual: il.Emit(OpCodes.Cgt); il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Ceq); break;
            case IrOp.GreaterOrEqual: il.Emit(OpCodes.Clt); il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Ceq); break;
            case IrOp.NotEqual: il.Emit(OpCodes.Ceq); il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Ceq); break;
            default: throw new System.Diagnostics.UnreachableException($"{op} is not a comparison");
        }
    }

    /// <summary>The windows with a Record/Value pair: their value is derived from the state by a division or more.</summary>
    private static bool RecordsApart(IrWindowKind kind) =>
        kind is IrWindowKind.Zscore or IrWindowKind.AggressorRatio or IrWindowKind.CancelRate or IrWindowKind.Vwap;

    /// <summary>A window's value: Update, or for one that records apart, its Value (a z-score's of this event's sample).</summary>
    private void EmitWindow(ILGenerator il, IrWindow w, LocalBuilder[] locals)
    {
        if (!RecordsApart(w.Kind))
        {
            EmitWindowCall(il, w, locals, "Update");
            return;
        }
        var field = _stateFields[w.Id];
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        if (w.Operand is { } sample)
            LoadValue(il, sample, locals);
        il.Emit(OpCodes.Callvirt, field.FieldType.GetMethod("Value")!);
    }

    /// <summary>window.Update or window.Record(tsEvent, inputs...): what each kind samples or sums is fixed by the reference.</summary>
    private void EmitWindowCall(ILGenerator il, IrWindow w, LocalBuilder[] locals, string method)
    {
        var field = _stateFields[w.Id];
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        LoadView(il, nameof(MarketView.TsEvent));
        switch (w.Kind)
        {
            case IrWindowKind.TradeVolume:
                LoadView(il, nameof(MarketView.TradeSize));
                break;
            case IrWindowKind.AggressorRatio:
                LoadView(il, nameof(MarketView.TradeSize));
                LoadView(il, nameof(MarketView.TradeAggressorBuy));
                break;
            case IrWindowKind.CancelRate:
                LoadView(il, nameof(MarketView.CancelledSize));
                LoadView(il, nameof(MarketView.AddedSize));
                break;
            case IrWindowKind.Vwap:
                LoadView(il, nameof(MarketView.LastPrice));
                LoadView(il, nameof(MarketView.TradeSize));
                break;
            case IrWindowKind.AvgDepth:
                il.Emit(OpCodes.Ldarg_1);
                LoadLevels(il, w.Levels, w.LevelsParam);
                il.Emit(OpCodes.Call, typeof(MarketView).GetMethod(nameof(MarketView.BidDepthOver))!);
                il.Emit(OpCodes.Ldarg_1);
                LoadLevels(il, w.Levels, w.LevelsParam);
                il.Emit(OpCodes.Call, typeof(MarketView).GetMethod(nameof(MarketView.AskDepthOver))!);
                il.Emit(OpCodes.Add);
                break;
            case IrWindowKind.Drawdown:
                LoadView(il, nameof(MarketView.Equity));
                break;
            case IrWindowKind.Atr:
                LoadView(il, nameof(MarketView.LastPrice));
                LoadView(il, nameof(MarketView.Kind));
                il.Emit(OpCodes.Ldc_I4, (int)MarketEventKind.Trade);
                il.Emit(OpCodes.Ceq);
                break;
            default:
                LoadValue(il, w.Operand!.Value, locals);
                break;
        }
        il.Emit(OpCodes.Callvirt, field.FieldType.GetMethod(method)!);
    }

    private void EmitAction(ILGenerator il, IrAction action, int decision, LocalBuilder[] locals, HashSet<int> computed)
    {
        IrValue?[] operands = action switch
        {
            IrTrade t => [t.Quantity, t.LimitPrice, t.Slicer?.Over, t.Slicer?.Slices, t.Slicer?.Show],
            IrFlatten f => [f.StandAside],
            _ => [],
        };
        foreach (var operand in operands.OfType<IrValue>())
            EnsureComputed(il, operand, locals, computed);
        void Value(IrValue? v)
        {
            if (v is { } value)
                LoadValue(il, value, locals);
            else
                il.Emit(OpCodes.Ldc_I8, 0L);
        }
        var (kind, quantity, isMarket, price, slicer, standAside) = action switch
        {
            IrTrade t => (t.Side == Compiler.Syntax.OrderSide.Buy ? ActionKind.Buy : ActionKind.Sell, (IrValue?)t.Quantity, t.LimitPrice is null, t.LimitPrice, t.Slicer, (IrValue?)null),
            IrWait => (ActionKind.Wait, null, false, null, null, null),
            IrCancelAll => (ActionKind.CancelAll, null, false, null, null, null),
            IrFlatten f => (ActionKind.Flatten, null, false, null, null, f.StandAside),
            _ => (ActionKind.Kill, null, false, null, null, null),
        };
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, (int)kind);
        il.Emit(OpCodes.Ldc_I4, decision);
        // The short forms keep every argument in a register (see CompiledStrategy.Act).
        if (quantity is null && standAside is null)
        {
            il.Emit(OpCodes.Call, ActMethod(typeof(IActionSink), typeof(ActionKind), typeof(int)));
            return;
        }
        if (slicer is null && standAside is null)
        {
            Value(quantity);
            il.Emit(isMarket ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
            Value(price);
            il.Emit(OpCodes.Call, ActMethod(typeof(IActionSink), typeof(ActionKind), typeof(int), typeof(long), typeof(bool), typeof(long)));
            return;
        }
        Value(quantity);
        il.Emit(isMarket ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
        Value(price);
        il.Emit(OpCodes.Ldc_I4, (int)(slicer?.Algorithm switch
        {
            SyntaxSlice.Twap => AbiSlice.Twap,
            SyntaxSlice.Vwap => AbiSlice.Vwap,
            SyntaxSlice.Iceberg => AbiSlice.Iceberg,
            _ => AbiSlice.None,
        }));
        Value(slicer?.Over);
        // StrategyAction.Slices carries an iceberg's shown quantity (Q47.16 lots).
        Value(slicer?.Algorithm == SyntaxSlice.Iceberg ? slicer.Show : slicer?.Slices);
        Value(standAside);
        il.Emit(OpCodes.Call, ActMethod(typeof(IActionSink), typeof(ActionKind), typeof(int), typeof(long), typeof(bool), typeof(long),
            typeof(AbiSlice), typeof(long), typeof(long), typeof(long)));
    }

    private static MethodInfo ActMethod(params Type[] parameters) =>
        typeof(CompiledStrategy).GetMethod("Act", BindingFlags.NonPublic | BindingFlags.Static, parameters)
        ?? throw new System.Diagnostics.UnreachableException("CompiledStrategy.Act(" + string.Join(", ", parameters.Select(p => p.Name)) + ") is missing");
}
