using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Lowering;

public sealed partial class Lowerer
{
    /// <summary>A C# function call stays one node: its body is opaque to the compiler.</summary>
    private IrValue ScriptCall(BoundScriptCall call) =>
        _ir.ScriptCall(call.Type, call.Function.Library, call.Function.Function, [.. call.Arguments.Select(Expr)]);
}
