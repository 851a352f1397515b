using System.Text.RegularExpressions;
using ScalpLang.Backend.Il;
using ScalpLang.Backend.Verilog;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>
/// Goldens/Diagnostics/NNNN-name/: input.scalp (plus any files it imports) and expected.txt, the
/// exact `scalp check` output. A folder may hold pad-to-bytes.txt (a number) to grow the input
/// past that size with comment lines, for the file-size limit, without committing megabytes, and
/// target-il.txt to also run the IL backend (for SL4xxx codes), or target-verilog.txt the Verilog
/// backend (for SL5xxx codes; the sequential core's when the file's text says "sequential"), and models.txt to read the model files it declares with ML.NET and
/// onnxruntime, as the `scalp` commands do (SL2046..SL2059; the .onnx files are written by
/// tests/ScalpLang.Ml.Onnx.Tests/GoldenModels.cs). C# imports compile through the scripting host, unless
/// the folder holds no-scripting-host.txt (SL2062).
/// </summary>
public sealed partial class DiagnosticGoldenTests
{
    private static string Folder => Path.Combine(RepoPaths.Goldens, "Diagnostics");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Folder).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_golden(string name)
    {
        var dir = Path.Combine(Folder, name);
        var input = Path.Combine(dir, "input.scalp");
        var padded = Pad(dir, input);
        var host = !File.Exists(Path.Combine(dir, "no-scripting-host.txt"));
        var models = File.Exists(Path.Combine(dir, "models.txt")) ? new Ml.Onnx.OnnxAwareModelReader(new Ml.MlModelReader()) : null;
        var sentiments = File.Exists(Path.Combine(dir, "sentiments.txt")) ? new Ml.Sentiment.SentimentModelReader() : null;
        var program = padded is null ? Checker.CheckFile(input, dir, host, models, sentiments)
            : Checker.CheckFile(padded, Path.GetDirectoryName(padded)!, host, models, sentiments);
        if (File.Exists(Path.Combine(dir, "target-il.txt")) && !program.HasErrors)
        {
            // Backend diagnostics (SL4xxx): check, lower, then emit IL.
            var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
            program = program with { Diagnostics = [.. program.Diagnostics, .. emitted.Diagnostics] };
        }
        if (File.Exists(Path.Combine(dir, "target-verilog.txt")) && !program.HasErrors)
        {
            // "sequential" in the file: the sequential core's module (--core sequential).
            var core = File.ReadAllText(Path.Combine(dir, "target-verilog.txt")).Contains("sequential", StringComparison.Ordinal) ? HdlCore.Sequential : HdlCore.Parallel;
            var emitted = VerilogBackend.Emit(Lowerer.Lower(program.Strategy!), new VerilogOptions(Core: core));
            program = program with { Diagnostics = [.. program.Diagnostics, .. emitted.Diagnostics] };
        }
        var rendered = Checker.Render(program);
        Golden.Verify(Path.Combine(dir, "expected.txt"), rendered);
        Assert.NotEmpty(program.Diagnostics);
    }

    [Fact]
    public void Every_diagnostic_code_has_a_golden()
    {
        var seen = new HashSet<string>();
        foreach (var expected in Directory.GetFiles(Folder, "expected.txt", SearchOption.AllDirectories))
        {
            foreach (Match m in CodeInOutput().Matches(File.ReadAllText(expected)))
                seen.Add(m.Groups[1].Value);
        }
        var missing = DiagnosticDescriptors.All.Select(d => d.Code).Where(c => !seen.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "codes without a golden: " + string.Join(", ", missing));
    }

    [Fact]
    public void Codes_are_unique_and_in_their_ranges()
    {
        var codes = DiagnosticDescriptors.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^SL[1245][0-9]{3}$", c));
    }

    private static string? Pad(string dir, string input)
    {
        var spec = Path.Combine(dir, "pad-to-bytes.txt");
        if (!File.Exists(spec))
            return null;
        var target = long.Parse(File.ReadAllText(spec).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var scratch = Directory.CreateTempSubdirectory("scalp-golden-").FullName;
        var padded = Path.Combine(scratch, "input.scalp");
        using (var stream = File.Create(padded))
        {
            var head = File.ReadAllBytes(input);
            stream.Write(head);
            var line = "// padding padding padding padding padding padding padding padding padding\n"u8.ToArray();
            while (stream.Length < target)
                stream.Write(line);
        }
        return padded;
    }

    [GeneratedRegex(@": (?:error|warning) (SL\d{4}):")]
    private static partial Regex CodeInOutput();
}
