using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// What the Verilog target cannot build, as SL5xxx errors at the construct's span: a model the
/// compiler did not import (an .onnx file: SL5004) and calls of C# functions (CPU code); sentiments
/// (SL5006: headlines are scored on the host). Windows,
/// the portfolio, sliced orders (SL5001..SL5003 are retired; the module emits a sliced order's
/// parent, the host slices it) and compiled .zip models (ModelSection) are built.
/// </summary>
internal static class Synthesizability
{
    public static ImmutableArray<Diagnostic> Check(IrProgram program)
    {
        var bag = new DiagnosticBag();
        var reported = new HashSet<(string, SourceLocation)>();
        void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args)
        {
            if (reported.Add((descriptor.Code, location)))
                bag.Report(descriptor, location, args);
        }
        SourceLocation At(int node) => program.Origins.TryGetValue(node, out var location) ? location : program.Location;
        foreach (var node in program.Nodes)
        {
            switch (node)
            {
                case IrModel m:
                    Report(m.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? DiagnosticDescriptors.VerilogOnnxModel : DiagnosticDescriptors.VerilogModel, m.Location, m.Name);
                    break;
                case IrNeuralModel n:
                    Report(DiagnosticDescriptors.VerilogOnnxModel, n.Location, n.Name);
                    break;
                case IrSentiment n:
                    Report(DiagnosticDescriptors.VerilogSentiment, n.Location, n.Name);
                    break;
                case IrScriptCall s:
                    Report(DiagnosticDescriptors.VerilogScriptCall, At(s.Id), Shorten(At(s.Id).Source.ToString(At(s.Id).Span)),
                        $"{s.Function.Name} ({s.Library.DisplayPath})");
                    break;
            }
        }
        return bag.ToImmutable();
    }

    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
