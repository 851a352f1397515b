using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NCalc;
using RulesEngine.Models;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Benchmarks;

/// <summary>
/// One simple rule, "imbalance over 5 levels above 0.2 and spread at most 2 ticks", evaluated per
/// event by: hand-written C# (baseline), the compiled .scalp strategy, a Roslyn-scripted lambda
/// (compiled in Release), NCalc and Microsoft RulesEngine. All work on the same raw integer inputs
/// and the setup proves that every evaluator takes the same decision on every event.
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private const int Events = 1_024;
    private const long Threshold = 13_107; // 0.2 in Q47.16
    private const long MaxSpread = 2 * Q.One;
    private MarketView[] _views = [];
    private CompiledStrategy _compiled = null!;
    private Func<long, long, long, long, bool> _roslyn = null!;
    private Expression _ncalc = null!;
    private RulesEngine.RulesEngine _rules = null!;
    private readonly CountingSink _sink = new();

    public sealed class Book
    {
        public long B { get; set; }
        public long A { get; set; }
        public long Bid { get; set; }
        public long Ask { get; set; }
    }

    private sealed class CountingSink : IActionSink
    {
        public long Count;

        public void Submit(in StrategyAction action) => Count++;
    }

    [GlobalSetup]
    public void Setup()
    {
        _views = SimulatedViews.Create(seed: 11, Events);
        var program = FrontEnd.Check(SourceText.From(
            "strategy R\ninstrument \"X\" tick 0.01 lot 1 currency USD\nbook depth 5\n" +
            "rule r priority 1 when imbalance(levels: 5) > 0.2 and spread <= 2 ticks => buy 1 lot at market\n", "r.scalp"));
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        (_compiled, _) = StrategyLoader.Load(emitted.Image!, emitted.TypeName, collectible: false);
        _compiled.Start();

        var options = ScriptOptions.Default.WithReferences(typeof(Q).Assembly).WithImports("ScalpLang.Runtime.Abi")
            .WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Release);
        _roslyn = CSharpScript.EvaluateAsync<Func<long, long, long, long, bool>>(
            $"(b, a, bid, ask) => Q.Div(b - a, b + a) > {Threshold} && ask - bid <= {MaxSpread}", options).GetAwaiter().GetResult();

        _ncalc = new Expression($"Truncate(([b] - [a]) * 65536.0 / ([b] + [a])) > {Threshold} && [ask] - [bid] <= {MaxSpread}");

        var rule = new Rule
        {
            RuleName = "imbalance",
            Expression = $"(input1.B - input1.A) * 65536 / (input1.B + input1.A) > {Threshold} && input1.Ask - input1.Bid <= {MaxSpread}",
        };
        _rules = new RulesEngine.RulesEngine([new Workflow { WorkflowName = "scalp", Rules = [rule] }]);

        for (var i = 0; i < _views.Length; i++)
        {
            var expected = HandWrittenRule(in _views[i]);
            var compiledBefore = _sink.Count;
            _compiled.OnBook(in _views[i], _sink);
            var decisions = (Compiled: _sink.Count > compiledBefore, Roslyn: RoslynRule(in _views[i]), NCalc: NCalcRule(in _views[i]), Rules: RulesEngineRule(in _views[i]));
            if (decisions != (expected, expected, expected, expected))
                throw new InvalidOperationException($"event {i}: hand-written {expected}, others {decisions}");
        }
        if (_sink.Count < 10)
            throw new InvalidOperationException($"the rule fired only {_sink.Count} times: the comparison would prove little");
    }

    private static bool HandWrittenRule(in MarketView v)
    {
        var b = v.BidDepthOver(5);
        var a = v.AskDepthOver(5);
        return Q.Div(b - a, b + a) > Threshold && v.BestAsk - v.BestBid <= MaxSpread;
    }

    private bool RoslynRule(in MarketView v) => _roslyn(v.BidDepthOver(5), v.AskDepthOver(5), v.BestBid, v.BestAsk);

    private bool NCalcRule(in MarketView v)
    {
        _ncalc.Parameters["b"] = v.BidDepthOver(5);
        _ncalc.Parameters["a"] = v.AskDepthOver(5);
        _ncalc.Parameters["bid"] = v.BestBid;
        _ncalc.Parameters["ask"] = v.BestAsk;
        return (bool)_ncalc.Evaluate()!;
    }

    private bool RulesEngineRule(in MarketView v)
    {
        var input = new Book { B = v.BidDepthOver(5), A = v.AskDepthOver(5), Bid = v.BestBid, Ask = v.BestAsk };
        return _rules.ExecuteAllRulesAsync("scalp", input).AsTask().GetAwaiter().GetResult()[0].IsSuccess;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "hand-written C#")]
    public int HandWritten()
    {
        var n = 0;
        foreach (ref readonly var v in _views.AsSpan())
            n += HandWrittenRule(in v) ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "compiled .scalp (whole strategy)")]
    public long Compiled()
    {
        foreach (ref readonly var v in _views.AsSpan())
            _compiled.OnBook(in v, _sink);
        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Roslyn scripting (Release lambda)")]
    public int Roslyn()
    {
        var n = 0;
        foreach (ref readonly var v in _views.AsSpan())
            n += RoslynRule(in v) ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "NCalc")]
    public int NCalc()
    {
        var n = 0;
        foreach (ref readonly var v in _views.AsSpan())
            n += NCalcRule(in v) ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Microsoft RulesEngine")]
    public int RulesEngine()
    {
        var n = 0;
        foreach (ref readonly var v in _views.AsSpan())
            n += RulesEngineRule(in v) ? 1 : 0;
        return n;
    }
}
