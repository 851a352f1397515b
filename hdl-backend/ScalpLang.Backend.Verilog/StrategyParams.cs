using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A strategy's params as both strategy modules declare them (ModuleWriter, SequentialModuleWriter):
/// <c>p_&lt;name&gt;</c>, one bit for a bool, else a signed 64-bit raw value with the .scalp default.
/// </summary>
internal static class StrategyParams
{
    /// <summary>The comment above CAPITAL_TICK_LOTS in both modules.</summary>
    public const string CapitalComment = "    // the account's capital in tick-lots (equity = capital + realized + open P&L); the host's\n";

    public static string Name(IrParamInfo info) => "p_" + info.Name;

    /// <summary><c>parameter [0:0] p_x = 1'b1</c> or <c>parameter signed [63:0] p_x = 64'sh...</c> (<paramref name="keyword"/>: parameter or localparam).</summary>
    public static string Declaration(IrParamInfo info, string keyword = "parameter") => info.Type.Kind == TypeKind.Bool
        ? $"{keyword} [0:0] {Name(info)} = 1'b{(info.Default != 0 ? 1 : 0)}"
        : $"{keyword} signed [63:0] {Name(info)} = {VerilogText.Literal(info.Default, 64)}";

    /// <summary>The params a node reads by name rather than as a value: a depth's levels; a window's length, bar and levels.</summary>
    public static IEnumerable<int> ReadByName(IrNode node, IrProgram program) => node switch
    {
        IrInput { LevelsParam: { } p } => [p],
        IrWindow w => new[] { w.Window, w.Bar ?? w.Window }.Select(x => program[x]).OfType<IrParam>().Select(x => x.Index)
            .Concat(w.LevelsParam is { } l ? [l] : []),
        _ => [],
    };
}
