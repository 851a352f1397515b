using System.Collections.Immutable;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Compiler.Ir;

/// <summary>
/// A call of a C# function imported from a .csx file (grammar/README.md §3.12): pure by contract,
/// a function of its arguments only, so it is computed only where a decision needs it, like any
/// operation. Arguments are raw values of the declared types; CPU targets only.
/// </summary>
public sealed record IrScriptCall(int Id, ScalpType Type, ScriptLibrary Library, ScriptFunction Function, ImmutableArray<IrValue> Args)
    : IrNode(Id, Type)
{
    public override ImmutableArray<IrValue> Operands => Args;

    /// <summary>Structural equality for sharing equal calls (the record's own compares the argument arrays by reference).</summary>
    public bool SameCall(IrScriptCall other) =>
        Library == other.Library && Function == other.Function && Args.SequenceEqual(other.Args);
}
