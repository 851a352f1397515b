using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

/// <summary>The result of parsing one file: the AST and the syntax diagnostics.</summary>
public sealed record SyntaxTree(SourceText Source, CompilationUnitSyntax Root, ImmutableArray<Diagnostic> Diagnostics);
