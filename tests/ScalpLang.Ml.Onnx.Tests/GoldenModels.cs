namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>
/// The .onnx files of the ONNX diagnostic goldens (tests/ScalpLang.Compiler.Tests/Goldens/
/// Diagnostics/SL20xx-onnx-*) and of the example (examples/onnx/models), written here from code so
/// each is reproducible: the test fails when a checked-in file differs from what this code
/// writes; SCALP_BLESS=1 rewrites them.
/// </summary>
public sealed class GoldenModels
{
    internal static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("no ScalpLang.sln above the test binaries");
    }

    private static string Golden(string folder) => Path.Combine(Root, "tests", "ScalpLang.Compiler.Tests", "Goldens", "Diagnostics", folder);

    /// <summary>A logistic model over F features: sigmoid(x . w + b), input [1, F], output [1, 1].</summary>
    internal static byte[] Logistic(int features, float weight = 0.5f, float bias = 0.1f) => new OnnxGraph()
        .Input("x", -1, features)
        .Output("p_up", -1, 1)
        .Initializer("w", [.. Enumerable.Repeat(weight, features)], features, 1)
        .Initializer("b", [bias], 1)
        .Node("Gemm", ["x", "w", "b"], ["logit"])
        .Node("Sigmoid", ["logit"], ["p_up"])
        .ToModel();

    /// <summary>Every file: where it goes, and its bytes.</summary>
    internal static IEnumerable<(string Path, byte[] Bytes)> Files()
    {
        yield return (Path.Combine(Golden("SL2052-model-history"), "deep.onnx"), Logistic(1));
        yield return (Path.Combine(Golden("SL2054-onnx-unreadable"), "broken.onnx"), "this is not a protobuf ONNX model\n"u8.ToArray());
        yield return (Path.Combine(Golden("SL2055-onnx-input"), "two_inputs.onnx"), new OnnxGraph()
            .Input("a", 1, 2).Input("b", 1, 2).Output("p_up", 1, 2)
            .Node("Add", ["a", "b"], ["sum"]).Node("Sigmoid", ["sum"], ["p_up"]).ToModel());
        yield return (Path.Combine(Golden("SL2056-onnx-input-shape"), "lstm50.onnx"), new TinyLstm(features: 2, history: 50, seed: 1).ToOnnx());
        // The first output is the input's shape (int64), not a probability.
        yield return (Path.Combine(Golden("SL2057-onnx-output"), "shape_output.onnx"), new OnnxGraph()
            .Input("x", 1, 2).Value(12, "shape", OnnxGraph.Int64Type, [2]).Node("Shape", ["x"], ["shape"]).ToModel());
        // Looks up a table at index (int)x + 5 of a 2-entry table: loads, then fails when it runs.
        yield return (Path.Combine(Golden("SL2058-onnx-run-fails"), "bad_lookup.onnx"), new OnnxGraph()
            .Input("x", 1, 1).Output("p_up", 1, 1)
            .Initializer("table", [0.25f, 0.75f], 2).Int64Initializer("five", [5], 1)
            .Node("Cast", ["x"], ["xi"], ("to", OnnxGraph.Int64Type)).Node("Add", ["xi", "five"], ["index"])
            .Node("Gather", ["table", "index"], ["p_up"]).ToModel());
        yield return (Path.Combine(Golden("SL2059-onnx-not-probability"), "logit.onnx"), new OnnxGraph()
            .Input("x", 1, 1).Output("logit", 1, 1).Initializer("two", [2f], 1).Node("Add", ["x", "two"], ["logit"]).ToModel());
        yield return (Path.Combine(Golden("SL5005-verilog-onnx-model"), "p_up.onnx"), Logistic(2));
        var lstm = ExampleModels.Lstm;
        yield return (Path.Combine(Root, "examples", "onnx", "models", "lstm50.onnx"), lstm.ToOnnx());
        yield return (Path.Combine(Root, "examples", "onnx", "models", "deep_lob.onnx"), ExampleModels.Cnn.ToOnnx());
    }

    [Fact]
    public void The_checked_in_models_are_the_ones_this_code_writes()
    {
        var bless = Environment.GetEnvironmentVariable("SCALP_BLESS") == "1";
        foreach (var (path, bytes) in Files())
        {
            if (bless)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
                continue;
            }
            Assert.True(File.Exists(path), $"missing {path}; run with SCALP_BLESS=1 to write it");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} differs from what GoldenModels writes; run with SCALP_BLESS=1");
        }
    }
}

/// <summary>The networks of examples/onnx/deep_lob_scalper.scalp.</summary>
internal static class ExampleModels
{
    /// <summary>LSTM over 50 evaluations of [imbalance, aggressor ratio, spread].</summary>
    public static TinyLstm Lstm { get; } = new(features: 3, history: 50, seed: 21);

    /// <summary>CNN over 20 evaluations of the 5-level depth image (10 sizes).</summary>
    public static TinyCnn Cnn { get; } = new(width: 10, history: 20, seed: 5, scale: 0.01);
}
