using System.Runtime.CompilerServices;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Runtime.Abi;

/// <summary>
/// The base of every compiled strategy (DESIGN.md §4). The IL backend emits a sealed subclass
/// that creates its state in <see cref="CreateState"/> and evaluates its decision list in
/// <see cref="Evaluate"/>. Lifecycle: construct, override parameters, <see cref="Start"/>, then
/// events. No allocation per event.
/// </summary>
public abstract class CompiledStrategy
{
    private readonly long[] _parameters;
    private readonly long[] _sentiments;
    private bool _started;
    private NeuralHistory[] _neuralHistories = [];
    private INeuralModel[] _neuralModels = [];
    private long[] _neuralScores = [];
    private long[] _neuralScoredAt = [];

    /// <summary>A sentiment's value before its first headline: 0.5, which leans neither way (grammar/README.md §3.13).</summary>
    public const long NeutralSentiment = Q.One / 2;

    protected CompiledStrategy(string metadataJson)
    {
        Metadata = StrategyMetadata.FromJson(metadataJson);
        _parameters = [.. Metadata.Parameters.Select(p => p.Default)];
        _sentiments = [.. Metadata.SentimentSlots.Select(_ => NeutralSentiment)];
    }

    /// <summary>
    /// Sets sentiment <paramref name="slot"/> to a headline's quantised probability (raw Q47.16,
    /// 0..1). The host calls it once per headline, before the first event at or after the
    /// headline's time; the strategy reads the stored value on every evaluation.
    /// </summary>
    public void SetSentiment(int slot, long raw)
    {
        if ((ulong)slot >= (ulong)_sentiments.Length)
            throw new ArgumentOutOfRangeException(nameof(slot), $"strategy {Metadata.Name} has {_sentiments.Length} sentiment slot(s), not {slot + 1}");
        if (raw < 0 || raw > Q.One)
            throw new ArgumentOutOfRangeException(nameof(raw), "a sentiment is a probability: raw 0..65536");
        _sentiments[slot] = raw;
    }

    /// <summary>Sentiment <paramref name="slot"/>'s current raw value.</summary>
    public long SentimentValue(int slot) => _sentiments[slot];

    public StrategyMetadata Metadata { get; }

    /// <summary>The host that loads this strategy's ONNX models; null for the process's (<see cref="NeuralModels.Host"/>). Set before <see cref="Start"/>.</summary>
    public INeuralModelHost? NeuralHost { get; set; }

    /// <summary>The parameter values in declaration order (raw), as they will be or were used.</summary>
    public IReadOnlyList<long> ParameterValues => _parameters;

    /// <summary>Overrides a parameter before <see cref="Start"/>; the value must be inside its declared range.</summary>
    public void SetParameter(string name, long raw)
    {
        if (_started)
            throw new InvalidOperationException($"parameter '{name}' cannot change after the strategy started");
        var index = -1;
        for (var i = 0; i < Metadata.Parameters.Length; i++)
        {
            if (Metadata.Parameters[i].Name == name)
                index = i;
        }
        if (index < 0)
            throw new ArgumentException($"strategy {Metadata.Name} has no parameter '{name}'", nameof(name));
        var info = Metadata.Parameters[index];
        if (info.Lower is { } lo && raw < lo || info.Upper is { } hi && raw > hi)
            throw new ArgumentOutOfRangeException(nameof(raw), $"parameter '{name}' must stay within its declared range");
        _parameters[index] = raw;
    }

    /// <summary>Creates the strategy's state (windows) from the final parameter values.</summary>
    public void Start()
    {
        if (_started)
            throw new InvalidOperationException($"strategy {Metadata.Name} already started");
        OpenNeuralModels();
        CreateState();
        _started = true;
    }

    /// <summary>
    /// Opens the strategy's ONNX models through the process's host and allocates their histories:
    /// everything a model needs per evaluation is allocated here, once.
    /// </summary>
    private void OpenNeuralModels()
    {
        var models = Metadata.OnnxModels;
        if (models.IsEmpty)
            return;
        var host = NeuralHost ?? NeuralModels.Host ?? throw new ModelLoadException(
            $"strategy {Metadata.Name} scores ONNX model '{models[0].Name}', but this process has no ONNX host (the scalp command installs one)");
        _neuralHistories = [.. models.Select(m => new NeuralHistory(m.Features, m.History))];
        _neuralModels = [.. models.Select(host.Open)];
        _neuralScores = new long[models.Length];
        _neuralScoredAt = [.. models.Select(_ => -1L)];
    }

    /// <summary>Sets feature <paramref name="index"/> of ONNX model <paramref name="model"/> for this evaluation (emitted IL, every event).</summary>
    protected void NeuralSet(int model, int index, long raw) => _neuralHistories[model].Set(index, raw);

    /// <summary>Ends this evaluation's feature row of ONNX model <paramref name="model"/> (emitted IL, every event).</summary>
    protected void NeuralCommit(int model) => _neuralHistories[model].Commit();

    /// <summary>
    /// ONNX model <paramref name="model"/>'s probability for the current history, scored at most once
    /// per evaluation however many decisions read it (emitted IL, when a decision needs it).
    /// </summary>
    protected long NeuralScore(int model)
    {
        var history = _neuralHistories[model];
        if (_neuralScoredAt[model] != history.Version)
        {
            _neuralScores[model] = _neuralModels[model].Score(history);
            _neuralScoredAt[model] = history.Version;
        }
        return _neuralScores[model];
    }

    /// <summary>Any market event: the view's Kind says which (the strategy reads it from there).</summary>
    public void OnEvent(in MarketView view, IActionSink sink) => Run(in view, sink);

    public void OnBook(in MarketView view, IActionSink sink) => Run(in view, sink);
    public void OnTrade(in MarketView view, IActionSink sink) => Run(in view, sink);
    public void OnFill(in MarketView view, IActionSink sink) => Run(in view, sink);
    public void OnTimer(in MarketView view, IActionSink sink) => Run(in view, sink);

    protected long Parameter(int index) => _parameters[index];

    /// <summary>What the compiled <c>sentiment</c> reference reads: a stored value, no work per event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected long Sentiment(int slot) => _sentiments[slot];

    /// <summary>
    /// A <c>levels:</c> count read from a parameter at load time (grammar/README.md §6): its whole
    /// part must lie within 1..book depth, as the compiler checks for a literal.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..<paramref name="bookDepth"/>.</exception>
    protected static int LevelsFrom(string parameter, long raw, int bookDepth)
    {
        long levels = raw >> Q.FractionBits;
        if (levels < 1 || levels > bookDepth)
            throw new ArgumentOutOfRangeException(parameter, $"parameter '{parameter}' is used as levels: and must be a whole count within 1..{bookDepth} (the book depth); got {levels}");
        return (int)levels;
    }

    /// <summary>
    /// Builds one action and hands it to the sink. Inlined: strategies act on many events (a breaker
    /// that has tripped acts on every one), and inlined the JIT builds the action straight into the
    /// sink's call (a sink it has profiled as the only one is devirtualized and inlined too); out of
    /// line, the call and the struct's copy cost the compiled imbalance scalper about 2 ns an event
    /// (13.1-13.6 against 11.1 ns for the hand-written one, which inlines its own Submit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void Act(IActionSink sink, ActionKind kind, int decision, long quantity, bool isMarket, long limitPrice,
        SliceAlgorithm slicer, long sliceOver, long slices, long standAside)
    {
        var action = new StrategyAction(kind, decision, quantity, isMarket, limitPrice, slicer, sliceOver, slices, standAside);
        sink.Submit(in action);
    }

    /// <summary>
    /// <see cref="Act(IActionSink, ActionKind, int, long, bool, long, SliceAlgorithm, long, long, long)"/>
    /// for an action with no order (wait, cancel-all, kill, a flatten without stand-aside): three
    /// arguments instead of ten, for the rare call the JIT leaves out of line (its inlining budget in
    /// a large Evaluate runs out), where four of the general form's would go on the stack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void Act(IActionSink sink, ActionKind kind, int decision)
    {
        // Init setters on the zeroed struct, not the nine-argument constructor: the JIT, out of
        // budget in a large Evaluate, leaves that constructor as a call with arguments on the stack.
        var action = new StrategyAction { Kind = kind, Decision = decision };
        sink.Submit(in action);
    }

    /// <summary>An order that is not sliced: six arguments, all in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void Act(IActionSink sink, ActionKind kind, int decision, long quantity, bool isMarket, long limitPrice)
    {
        var action = new StrategyAction { Kind = kind, Decision = decision, Quantity = quantity, IsMarket = isMarket, LimitPrice = limitPrice };
        sink.Submit(in action);
    }

    protected abstract void CreateState();

    /// <summary>Evaluates every node and the first matching decision; reads the view only.</summary>
    protected abstract void Evaluate(ref MarketView view, IActionSink sink);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Run(in MarketView view, IActionSink sink)
    {
        if (!_started)
            ThrowNotStarted();
        Evaluate(ref Unsafe.AsRef(in view), sink);
    }

    private void ThrowNotStarted() => throw new InvalidOperationException($"strategy {Metadata.Name} received an event before Start()");
}
