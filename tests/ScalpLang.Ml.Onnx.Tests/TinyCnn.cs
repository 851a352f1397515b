namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// A DeepLOB-like CNN over the depth image (H evaluations x W = 2 * levels sizes): input
/// [1, 1, H, W] -> Conv (C filters of 3 x 2, stride 1) -> Relu -> GlobalAveragePool -> Flatten
/// -> Gemm -> Sigmoid -> [1, 1]. <see cref="Reference"/> is the same network in double precision.
/// </summary>
internal sealed class TinyCnn
{
    public const int Channels = 3;
    public const int KernelH = 3;
    public const int KernelW = 2;

    public TinyCnn(int width, int history, int seed, double scale)
    {
        Width = width;
        History = history;
        var random = new Random(seed);
        float Next(double s) => (float)((random.NextDouble() * 2 - 1) * s);
        Kernel = [.. Enumerable.Range(0, Channels * KernelH * KernelW).Select(_ => Next(scale))];
        KernelBias = [.. Enumerable.Range(0, Channels).Select(_ => Next(0.1))];
        Dense = [.. Enumerable.Range(0, Channels).Select(_ => Next(2))];
        Bias = Next(0.5);
    }

    public int Width { get; }
    public int History { get; }
    public float[] Kernel { get; }
    public float[] KernelBias { get; }
    public float[] Dense { get; }
    public float Bias { get; }

    public byte[] ToOnnx() => new OnnxGraph()
        .Input("image", 1, 1, History, Width)
        .Output("p_up", 1, 1)
        .Initializer("kernel", Kernel, Channels, 1, KernelH, KernelW)
        .Initializer("kernel_bias", KernelBias, Channels)
        .Initializer("dense", Dense, Channels, 1)
        .Initializer("bias", [Bias], 1)
        .Node("Conv", ["image", "kernel", "kernel_bias"], ["conv"], ("kernel_shape", new long[] { KernelH, KernelW }))
        .Node("Relu", ["conv"], ["relu"])
        .Node("GlobalAveragePool", ["relu"], ["pooled"])
        .Node("Flatten", ["pooled"], ["features"], ("axis", 1))
        .Node("Gemm", ["features", "dense", "bias"], ["logit"])
        .Node("Sigmoid", ["logit"], ["p_up"])
        .ToModel();

    public double Reference(float[] image)
    {
        var outH = History - KernelH + 1;
        var outW = Width - KernelW + 1;
        double logit = Bias;
        for (var ch = 0; ch < Channels; ch++)
        {
            double sum = 0;
            for (var y = 0; y < outH; y++)
            {
                for (var x = 0; x < outW; x++)
                {
                    double v = KernelBias[ch];
                    for (var ky = 0; ky < KernelH; ky++)
                    {
                        for (var kx = 0; kx < KernelW; kx++)
                            v += Kernel[(ch * KernelH + ky) * KernelW + kx] * (double)image[(y + ky) * Width + x + kx];
                    }
                    sum += Math.Max(0, v);
                }
            }
            logit += Dense[ch] * (sum / (outH * outW));
        }
        return 1 / (1 + Math.Exp(-logit));
    }
}
