using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>
/// Every example compiles to IL, loads in a collectible context, and takes exactly the decisions
/// of the reference interpreter on tens of thousands of simulated events, allocating nothing.
/// </summary>
public sealed class IlBackendTests
{
    internal static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ScalpLang.sln")))
            dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "examples"), "*.scalp").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static IrProgram Lower(string file)
    {
        var path = Path.Combine(Root, "examples", file);
        var checkedProgram = FrontEnd.Check(File.ReadAllBytes(path), path, models: new Ml.MlModelReader());
        Assert.False(checkedProgram.HasErrors);
        return Lowerer.Lower(checkedProgram.Strategy!);
    }

    private static IrProgram LowerText(string text)
    {
        var checkedProgram = FrontEnd.Check(SourceText.From(text, "t.scalp"));
        Assert.False(checkedProgram.HasErrors, string.Join("\n", checkedProgram.Diagnostics.Select(Compiler.Diagnostics.DiagnosticFormatter.Format)));
        return Lowerer.Lower(checkedProgram.Strategy!);
    }

    private static CompiledStrategy Load(IrProgram ir)
    {
        var result = IlBackend.Emit(ir);
        Assert.Empty(result.Diagnostics);
        var (strategy, _) = StrategyLoader.Load(result.Image!, result.TypeName);
        return strategy;
    }

    private sealed class RecordingSink : IActionSink
    {
        public StrategyAction? Last;
        public int Count;

        public void Submit(in StrategyAction action)
        {
            Last = action;
            Count++;
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Il_takes_the_reference_interpreters_decisions(string file)
    {
        var ir = Lower(file);
        var strategy = Load(ir);
        strategy.Start();
        var interpreter = new IrInterpreter(ir, strategy.ParameterValues);
        var sink = new RecordingSink();
        var acted = 0;
        var index = 0;
        foreach (var view in MarketSimulation.Views(seed: file.Length, count: 20_000, depth: ir.BookDepth))
        {
            sink.Last = null;
            strategy.OnBook(in view, sink);
            var expected = interpreter.Evaluate(in view);
            Assert.True(expected == sink.Last, $"event {index}: interpreter {expected}, IL {sink.Last}");
            if (expected is not null)
                acted++;
            index++;
        }
        // Decisions must actually happen, or the comparison proves little.
        Assert.True(acted > 100, $"only {acted} events produced an action");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Events_allocate_nothing(string file)
    {
        var strategy = Load(Lower(file));
        strategy.Start();
        var sink = new RecordingSink();
        var views = MarketSimulation.Views(seed: 7, count: 4_000, depth: 10).ToArray();
        foreach (var view in views.Take(1_000))
            strategy.OnBook(in view, sink);
        // A per-event allocation shows in every pass; the runtime's one-time work in one at most.
        var fewest = long.MaxValue;
        for (var pass = 0; pass < 3 && fewest > 0; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 1_000; i < views.Length; i++)
                strategy.OnBook(in views[i], sink);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Image_is_well_formed_and_every_method_jits(string file)
    {
        var ir = Lower(file);
        var result = IlBackend.Emit(ir);
        using (var pe = new PEReader(new MemoryStream(result.Image!)))
        {
            var reader = pe.GetMetadataReader();
            Assert.True(pe.HasMetadata);
            Assert.Contains(reader.TypeDefinitions, t => reader.GetString(reader.GetTypeDefinition(t).Name) == ir.Name);
            foreach (var handle in reader.MethodDefinitions)
            {
                var body = pe.GetMethodBody(reader.GetMethodDefinition(handle).RelativeVirtualAddress);
                Assert.True(body.Size > 0);
            }
        }
        // The JIT rejects invalid IL with InvalidProgramException: compile every method now.
        var (strategy, _) = StrategyLoader.Load(result.Image!, result.TypeName);
        foreach (var method in strategy.GetType().GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
    }

    [Fact]
    public void Metadata_and_parameter_overrides()
    {
        var strategy = Load(Lower("imbalance_scalper.scalp"));
        Assert.Equal("ImbalanceScalper", strategy.Metadata.Name);
        Assert.Equal(5, strategy.Metadata.BookDepth);
        Assert.Equal("AAPL", strategy.Metadata.Instrument!.Symbol);
        Assert.Equal(0.01m, strategy.Metadata.Instrument.TickSize);
        var threshold = strategy.Metadata.Parameters.Single(p => p.Name == "threshold");
        Assert.Equal("ratio", threshold.Type);
        Assert.Equal(39322, threshold.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => strategy.SetParameter("threshold", Q.One));
        Assert.Throws<ArgumentException>(() => strategy.SetParameter("nope", 0));
        strategy.SetParameter("threshold", Q.One * 3 / 4);
        strategy.Start();
        Assert.Equal(Q.One * 3 / 4, strategy.ParameterValues[0]);
        Assert.Throws<InvalidOperationException>(() => strategy.SetParameter("threshold", Q.One / 2));
    }

    [Fact]
    public void A_parameter_change_changes_decisions()
    {
        const string source = "strategy P\ninstrument \"X\" tick 0.01 lot 1 currency USD\nparam gap: ticks = 2 in 1..9\n" +
                              "rule r priority 1 when spread <= gap => buy 1 lot at bid + 1\n";
        var ir = LowerText(source);
        var view = new MarketView { BestBid = Q.FromInteger(100), BestAsk = Q.FromInteger(103), TsEvent = 1 };
        var sink = new RecordingSink();
        var tight = Load(ir);
        tight.Start();
        tight.OnBook(in view, sink);
        Assert.Null(sink.Last);
        var loose = Load(ir);
        loose.SetParameter("gap", Q.FromInteger(3));
        loose.Start();
        loose.OnBook(in view, sink);
        Assert.Equal(new StrategyAction(ActionKind.Buy, 0, Q.One, false, Q.FromInteger(101), Runtime.Abi.SliceAlgorithm.None, 0, 0, 0), sink.Last);
    }

    [Fact]
    public void Events_before_start_are_refused()
    {
        var strategy = Load(Lower("spread_breakout.scalp"));
        var view = new MarketView();
        Assert.Throws<InvalidOperationException>(() => strategy.OnBook(in view, new RecordingSink()));
    }

    [Fact]
    public void Models_are_refused_with_a_diagnostic()
    {
        var ir = LowerText("strategy M\ninstrument \"X\" tick 0.01 lot 1 currency USD\nmodel up = \"up.zip\" features [spread]\n" +
                           "rule r priority 1 when up > 0.6 => buy 1 lot at market\n");
        var result = IlBackend.Emit(ir);
        Assert.Null(result.Image);
        Assert.Equal("SL4001", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Loaded_strategies_unload()
    {
        var weak = LoadAndForget(Lower("passive_market_maker.scalp"));
        for (var i = 0; i < 10 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndForget(IrProgram ir)
    {
        var result = IlBackend.Emit(ir);
        var (strategy, context) = StrategyLoader.Load(result.Image!, result.TypeName);
        strategy.Start();
        context.Unload();
        return new WeakReference(context);
    }
}
