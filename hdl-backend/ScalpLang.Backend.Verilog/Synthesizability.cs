using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// What the Verilog target cannot build, as SL5xxx errors at the construct's span: models (an
/// ML signal block has no hardware form). Windows, the portfolio and sliced orders are built
/// (SL5001..SL5003 are retired; the module emits a sliced order's parent, the host slices it).
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
        foreach (var node in program.Nodes)
        {
            if (node is IrModel m)
                Report(DiagnosticDescriptors.VerilogModel, m.Location, m.Name);
        }
        return bag.ToImmutable();
    }
}
