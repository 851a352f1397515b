using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// The front end's answer for one strategy file: every syntax tree it read (root first, then
/// imports), the bound strategy (null when the file declares none), and all diagnostics.
/// </summary>
public sealed record CheckedProgram(ImmutableArray<SyntaxTree> Trees, BoundStrategy? Strategy, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
