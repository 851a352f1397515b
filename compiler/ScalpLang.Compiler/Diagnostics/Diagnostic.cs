using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Diagnostics;

/// <summary>A user-facing problem at a place in a source file, with an optional help line.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message, string? Help)
{
    public string Code => Descriptor.Code;
    public DiagnosticSeverity Severity => Descriptor.Severity;
    public bool IsError => Severity == DiagnosticSeverity.Error;
}
