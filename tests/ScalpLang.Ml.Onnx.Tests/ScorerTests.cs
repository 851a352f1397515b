using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>The history ring, the quantisation of P(up), and scoring without allocation in steady state.</summary>
public sealed class ScorerTests
{
    [Fact]
    public void The_history_is_oldest_first_and_zero_padded_until_full()
    {
        var history = new NeuralHistory(features: 2, history: 3);
        var input = new float[6];
        history.CopyTo(input);
        Assert.Equal(new float[6], input);

        history.Set(0, 1 << 16);
        history.Set(1, 2 << 16);
        history.Commit();
        history.CopyTo(input);
        Assert.Equal(new[] { 0f, 0, 0, 0, 1, 2 }, input);

        for (var row = 2; row <= 4; row++)
        {
            history.Set(0, row << 16);
            history.Set(1, -(row << 15)); // -row / 2
            history.Commit();
        }
        history.CopyTo(input);
        Assert.Equal(new[] { 2f, -1, 3, -1.5f, 4, -2 }, input);
        Assert.Equal(4, history.Version);
    }

    [Theory]
    [InlineData(0.5f, 32768)]
    [InlineData(0f, 0)]
    [InlineData(1f, 65536)]
    [InlineData(-0.25f, 0)]
    [InlineData(1.5f, 65536)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.1f, 6554)] // 0.1f * 65536 = 6553.6000...: nearest
    [InlineData(0.00000762939453125f, 1)] // exactly 2^-17: a tie, away from zero
    public void A_probability_becomes_the_nearest_ratio_clamped_to_0_1(float probability, long raw) =>
        Assert.Equal(raw, OnnxScorer.Quantise(probability));

    [Fact]
    public void Scoring_allocates_nothing_in_steady_state()
    {
        using var fixtures = new OnnxFixtures();
        var lstm = new TinyLstm(features: 3, history: 50, seed: 3);
        var path = fixtures.Write("lstm.onnx", lstm.ToOnnx());
        using var model = OnnxModelHost.Instance.Open(new NeuralModelInfo("lstm", path, 3, 50));
        var history = new NeuralHistory(3, 50);
        var input = new float[150];
        var sum = 0L;
        for (var warm = 0; warm < 100; warm++)
            sum += Step(model, history, warm);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            sum += Step(model, history, i);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        // And the scores are the network's: the last one against the reference.
        history.CopyTo(input);
        Assert.InRange(model.Score(history) / 65536.0 - lstm.Reference(input), -2e-5, 2e-5);
        Assert.NotEqual(0, sum);
    }

    private static long Step(INeuralModel model, NeuralHistory history, int i)
    {
        history.Set(0, (i % 7 - 3) << 14);
        history.Set(1, (i % 5) << 15);
        history.Set(2, 1 << 16);
        history.Commit();
        return model.Score(history);
    }
}
