using System.Collections.Immutable;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Syntax;

/// <summary>Base of the immutable AST. Nodes carry data and spans, never behaviour.</summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>An identifier. <see cref="IsMissing"/> when the parser had to invent it.</summary>
public sealed record NameSyntax(string Text, TextSpan Span) : SyntaxNode(Span)
{
    public bool IsMissing => Text.Length == 0;
}

/// <summary>A string literal; <see cref="Value"/> has the quotes and escapes removed.</summary>
public sealed record StringLiteralSyntax(string Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A type name as written (ratio, ticks, lots, price, duration, count, bool).</summary>
public sealed record TypeRefSyntax(string Name, TextSpan Span) : SyntaxNode(Span);

/// <summary>One parsed file: its text, its declarations in source order.</summary>
public sealed record CompilationUnitSyntax(SourceText Source, ImmutableArray<DeclarationSyntax> Declarations)
    : SyntaxNode(new TextSpan(0, Source.Text.Length));
