namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// An LSTM over the last <see cref="History"/> evaluations of <see cref="Features"/> features,
/// then a dense layer and a sigmoid: input [1, H, F] -> Transpose -> LSTM (gates i, o, f, c as
/// ONNX orders them) -> last hidden state -> Gemm -> Sigmoid -> [1, 1]. Weights are seeded, and
/// <see cref="Reference"/> is the same network in double precision, written from the ONNX
/// operator definitions rather than from onnxruntime.
/// </summary>
internal sealed class TinyLstm
{
    public const int Hidden = 4;

    public TinyLstm(int features, int history, int seed, double scale = 0.5)
    {
        Features = features;
        History = history;
        var random = new Random(seed);
        float Next() => (float)((random.NextDouble() * 2 - 1) * scale);
        W = [.. Enumerable.Range(0, 4 * Hidden * features).Select(_ => Next())];
        R = [.. Enumerable.Range(0, 4 * Hidden * Hidden).Select(_ => Next())];
        B = [.. Enumerable.Range(0, 8 * Hidden).Select(_ => Next())];
        Dense = [.. Enumerable.Range(0, Hidden).Select(_ => Next() * 4)];
        Bias = Next();
    }

    public int Features { get; }
    public int History { get; }
    public float[] W { get; }
    public float[] R { get; }
    public float[] B { get; }
    public float[] Dense { get; }
    public float Bias { get; }

    public byte[] ToOnnx() => new OnnxGraph()
        .Input("x", -1, History, Features)
        .Output("p_up", -1, 1)
        .Initializer("W", W, 1, 4 * Hidden, Features)
        .Initializer("R", R, 1, 4 * Hidden, Hidden)
        .Initializer("B", B, 1, 8 * Hidden)
        .Initializer("dense", Dense, Hidden, 1)
        .Initializer("bias", [Bias], 1)
        .Node("Transpose", ["x"], ["x_seq"], ("perm", new long[] { 1, 0, 2 }))
        .Node("LSTM", ["x_seq", "W", "R", "B"], ["", "h_last"], ("hidden_size", Hidden))
        .Node("Flatten", ["h_last"], ["h"], ("axis", 1))
        .Node("Gemm", ["h", "dense", "bias"], ["logit"])
        .Node("Sigmoid", ["logit"], ["p_up"])
        .ToModel();

    /// <summary>P(up) for an input of H rows of F features, oldest first.</summary>
    public double Reference(float[] input)
    {
        var h = new double[Hidden];
        var c = new double[Hidden];
        var gates = new double[4 * Hidden];
        for (var t = 0; t < History; t++)
        {
            var x = input.AsSpan(t * Features, Features);
            for (var g = 0; g < 4 * Hidden; g++)
            {
                double sum = B[g] + B[4 * Hidden + g];
                for (var f = 0; f < Features; f++)
                    sum += W[g * Features + f] * (double)x[f];
                for (var k = 0; k < Hidden; k++)
                    sum += R[g * Hidden + k] * h[k];
                gates[g] = sum;
            }
            for (var k = 0; k < Hidden; k++)
            {
                var i = Sigmoid(gates[k]);
                var o = Sigmoid(gates[Hidden + k]);
                var f = Sigmoid(gates[2 * Hidden + k]);
                var candidate = Math.Tanh(gates[3 * Hidden + k]);
                c[k] = f * c[k] + i * candidate;
                h[k] = o * Math.Tanh(c[k]);
            }
        }
        double logit = Bias;
        for (var k = 0; k < Hidden; k++)
            logit += Dense[k] * h[k];
        return Sigmoid(logit);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
