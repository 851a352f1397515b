using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

/// <summary>
/// The result of parsing one file: the AST, the syntax diagnostics, and the spans of the
/// declarations those diagnostics damaged (from a declaration keyword to the next). The binder
/// stays quiet inside damaged spans, so one typo is one error, not one plus its consequences.
/// </summary>
public sealed record SyntaxTree(SourceText Source, CompilationUnitSyntax Root, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<TextSpan> DamagedSpans)
{
    public bool IsDamaged(TextSpan span)
    {
        foreach (var damaged in DamagedSpans)
        {
            if (span.Start >= damaged.Start && span.Start < damaged.End)
                return true;
        }
        return false;
    }
}
