using System.Collections.Immutable;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// Compiles the C# files a strategy imports (<c>import "signals.csx"</c>) and says which functions
/// they export, with their ScalpLang signatures. The front end knows nothing of C#: the scripting
/// host (runtime/ScalpLang.Scripting) implements this with Roslyn and a cache, and the commands
/// pass it in. Without one, a .csx import is SL2062.
/// </summary>
public interface IScriptImportResolver
{
    /// <param name="fullPath">The .csx file (it exists: the import resolver checked).</param>
    /// <param name="displayPath">How messages name it (relative, as the user typed it).</param>
    ScriptImportResult Load(string fullPath, string displayPath);
}

/// <summary>A compiled library, or what is wrong with the file (then Library is null or partial).</summary>
public sealed record ScriptImportResult(ScriptLibrary? Library, ImmutableArray<ScriptProblem> Problems);

public enum ScriptProblemKind
{
    /// <summary>The C# does not compile (SL2060).</summary>
    CompileError,
    /// <summary>It compiles, but a function or declaration cannot be called from ScalpLang (SL2061).</summary>
    UnsupportedDeclaration,
}

/// <summary>One problem, already phrased for the user (C# errors as <c>file.csx:line:col: error CSxxxx: message</c>).</summary>
public sealed record ScriptProblem(ScriptProblemKind Kind, string Message);

/// <summary>
/// A .csx file compiled (Release) to an assembly: its functions are public static methods of
/// <see cref="TypeName"/> in the assembly <see cref="AssemblyName"/> at <see cref="AssemblyPath"/>.
/// </summary>
public sealed record ScriptLibrary(string DisplayPath, string ContentHash, string AssemblyName, string AssemblyPath, string TypeName,
    ImmutableArray<ScriptFunction> Functions);

/// <summary>An exported function: parameters and result in the language's types (bool or a unit).</summary>
public sealed record ScriptFunction(string Name, ImmutableArray<ScriptParameter> Parameters, ScalpType ReturnType);

public sealed record ScriptParameter(string Name, ScalpType Type);

/// <summary>A C# function imported from a .csx file, callable like a standard-library function.</summary>
public sealed record ScriptFunctionSymbol(string Name, Text.SourceLocation Location, ScriptLibrary Library, ScriptFunction Function)
    : Symbol(Name, Location)
{
    public override string Kind => "C# function";
}

/// <summary>A call of an imported C# function; Arguments are in parameter order, each of the declared type.</summary>
public sealed record BoundScriptCall(ScriptFunctionSymbol Function, ImmutableArray<BoundExpression> Arguments, Text.TextSpan Span)
    : BoundExpression(Function.Function.ReturnType, Span)
{
    public override Constness Constness => Constness.Market;
}
