using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Models;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi.Models;

namespace ScalpLang.Ml.Onnx.Tests;

/// <summary>A scratch folder with a strategy and its models, checked as the scalp command checks it.</summary>
internal sealed class OnnxFixtures : IDisposable
{
    public OnnxFixtures()
    {
        Folder = Path.Combine(Path.GetTempPath(), "scalp-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteStrategy(string body, string name = "deep.scalp")
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, Header + body);
        return path;
    }

    public const string Header = """
        strategy Deep
        instrument "TEST" tick 0.01 lot 1 currency USD
        book depth 5

        """;

    public static CheckedProgram Check(string path) => FrontEnd.Check(File.ReadAllBytes(path), path, models: new Reader());

    public static IrProgram Lower(string path)
    {
        var program = Check(path);
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(DiagnosticFormatter.Format)));
        return Lowerer.Lower(program.Strategy!);
    }

    public static IlEmitResult Emit(string path, IlEmitOptions? options = null)
    {
        var emitted = IlBackend.Emit(Lower(path), options);
        Assert.Empty(emitted.Diagnostics);
        return emitted;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a model file still mapped by a shared session: the temp folder is cleaned later
        }
    }

    /// <summary>The CLI's reader pair: no .zip models here, ONNX files through the real checker.</summary>
    private sealed class Reader : IModelReader, IOnnxModelChecker
    {
        private readonly OnnxModelChecker _onnx = new();

        public ModelReadResult Read(string fullPath) => ModelReadResult.Fail(ModelReadFailure.Unsupported, "not in these tests");

        public OnnxCheckResult Check(string fullPath, int features, int history) => _onnx.Check(fullPath, features, history);
    }
}

/// <summary>Wraps the real host and records every score's input and result.</summary>
internal sealed class RecordingHost : INeuralModelHost
{
    public List<(float[] Input, long Score)> Scores { get; } = [];

    public INeuralModel Open(NeuralModelInfo model) => new Recording(OnnxModelHost.Instance.Open(model), model, this);

    private sealed class Recording(INeuralModel inner, NeuralModelInfo info, RecordingHost host) : INeuralModel
    {
        public long Score(NeuralHistory history)
        {
            var input = new float[info.Features * info.History];
            history.CopyTo(input);
            var score = inner.Score(history);
            host.Scores.Add((input, score));
            return score;
        }

        public void Dispose() => inner.Dispose();
    }
}
