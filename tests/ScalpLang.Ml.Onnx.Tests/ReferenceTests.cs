using Xunit.Abstractions;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// The strategy's ONNX signal against an independent C# computation of the same network, on
/// every evaluation of a synthetic run: the history the host scores must be exactly the last H
/// feature rows the strategy computed (oldest first, zeros before the start), and the score
/// must equal the reference probability within float32-vs-double error plus the rounding to
/// 2^-16 (grammar/README.md §3.4).
/// </summary>
public sealed class ReferenceTests(ITestOutputHelper output)
{
    /// <summary>Rounding to the nearest 2^-16 (2^-17) plus float32 against double over these small networks.</summary>
    private const double Bound = 1.0 / (1 << 17) + 1e-5;

    private static readonly DataSpec Data = Parse("synthetic:seed=7,events=6000");

    private static DataSpec Parse(string spec)
    {
        Assert.True(DataSpec.TryParse(spec, out var data, out var error), error);
        return data;
    }

    private sealed class Rows(long[] tap) : IRunObserver
    {
        public List<long[]> Values { get; } = [];

        public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position) => Values.Add((long[])tap.Clone());

        public void OnFill(in OwnFill fill)
        {
        }

        public void OnKill(long ts, string reason)
        {
        }
    }

    [Fact]
    public void An_lstm_over_the_last_50_ticks_scores_as_the_reference_on_every_evaluation()
    {
        var lstm = new TinyLstm(features: 3, history: 50, seed: 11);
        var max = Compare(lstm.ToOnnx(), "features [imbalance(levels: 3), spread, aggressor_ratio(window: 500ms)] history 50", lstm.Reference, 3);
        output.WriteLine($"LSTM-50: largest |score - reference| = {max:E3} (bound {Bound:E3})");
        Assert.True(max <= Bound, $"largest difference {max}");
    }

    [Fact]
    public void A_cnn_over_the_depth_image_scores_as_the_reference_on_every_evaluation()
    {
        var cnn = new TinyCnn(width: 10, history: 20, seed: 5, scale: 0.01);
        var max = Compare(cnn.ToOnnx(), "features [depth_image(levels: 5)] history 20", cnn.Reference, 10);
        output.WriteLine($"CNN: largest |score - reference| = {max:E3} (bound {Bound:E3})");
        Assert.True(max <= Bound, $"largest difference {max}");
    }

    /// <returns>The largest |score - reference| seen.</returns>
    private double Compare(byte[] onnx, string declaration, Func<float[], double> reference, int features)
    {
        using var fixtures = new OnnxFixtures();
        fixtures.Write("deep.onnx", onnx);
        var path = fixtures.WriteStrategy($"""
            model deep = "deep.onnx" {declaration}
            rule watch priority 1 when deep > 2 => buy 1 lot at market
            """);
        var ir = OnnxFixtures.Lower(path);
        var node = Assert.Single(ir.Nodes.OfType<IrNeuralModel>());
        Assert.Equal(features, node.Features.Length);
        var history = node.History;

        // The features the strategy computes on each evaluation, tapped.
        var tapped = OnnxFixtures.Emit(path, new IlEmitOptions("deep"));
        var (probe, probeContext) = StrategyLoader.Load(tapped.Image!, tapped.TypeName);
        var tap = new long[features];
        probe.GetType().GetField(IlEmitOptions.FeatureField)!.SetValue(probe, tap);
        probe.NeuralHost = OnnxModelHost.Instance;
        probe.Start();
        var rows = new Rows(tap);
        BacktestRunner.Run(probe, Data, out var error, started: e => e.RunObserver = rows);
        Assert.Null(error);
        probeContext.Unload();

        // The strategy itself (its rule reads the model on every evaluation and never fires).
        var emitted = OnnxFixtures.Emit(path);
        var (strategy, context) = StrategyLoader.Load(emitted.Image!, emitted.TypeName);
        var host = new RecordingHost();
        strategy.NeuralHost = host;
        strategy.Start();
        var summary = BacktestRunner.Run(strategy, Data, out error);
        Assert.Null(error);
        Assert.Equal(0, summary.Orders);
        context.Unload();

        Assert.Equal(rows.Values.Count, host.Scores.Count);
        var max = 0.0;
        var expected = new float[features * history];
        for (var t = 0; t < rows.Values.Count; t++)
        {
            Array.Clear(expected);
            for (var r = 0; r < history; r++)
            {
                var row = t - (history - 1) + r;
                if (row < 0)
                    continue;
                for (var f = 0; f < features; f++)
                    expected[r * features + f] = (float)(rows.Values[row][f] / 65536.0);
            }
            var (input, score) = host.Scores[t];
            Assert.Equal(expected, input);
            max = Math.Max(max, Math.Abs(score / 65536.0 - reference(input)));
        }
        var distinct = host.Scores.Select(s => s.Score).Distinct().Count();
        output.WriteLine($"{host.Scores.Count} evaluations, {distinct} distinct scores from {host.Scores.Min(s => s.Score)} to {host.Scores.Max(s => s.Score)} (raw)");
        Assert.True(distinct > 50, $"only {distinct} distinct scores: the comparison would say little");
        return max;
    }
}
