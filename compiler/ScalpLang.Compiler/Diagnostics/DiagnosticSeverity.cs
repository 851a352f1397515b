namespace ScalpLang.Compiler.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
