using System.Numerics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The values known when the Verilog is written: constants and +, -, negation and * over them only
/// (no param: a Verilog parameter can be overridden at instantiation). Their range is then one
/// value, which is theirs (the range analysis follows grammar/README.md §6 exactly on a point), and
/// a product by one of them can be written as shifts and adds (ConstantProduct).
/// </summary>
internal static class EmitTimeConstants
{
    /// <summary>Per node, its value when known at emit time, else null.</summary>
    public static BigInteger?[] Find(IrProgram program, RangeAnalysis.Result ranges)
    {
        var values = new BigInteger?[program.Nodes.Length];
        foreach (var node in program.Nodes)
        {
            var known = node.Type.Kind != TypeKind.Bool && node switch
            {
                IrConst => true,
                IrOperation { Op: IrOp.Add or IrOp.Subtract or IrOp.Negate or IrOp.Multiply } o => o.Args.All(a => values[a.Id] is not null),
                _ => false,
            };
            var range = ranges.Ranges[node.Id];
            if (known && range.Lo == range.Hi && !range.Wraps)
                values[node.Id] = range.Lo;
        }
        return values;
    }
}
