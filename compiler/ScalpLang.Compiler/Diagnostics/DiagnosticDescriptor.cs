using System.Globalization;

namespace ScalpLang.Compiler.Diagnostics;

/// <summary>
/// One kind of diagnostic: a stable code (never reused), a severity and a message template.
/// Tests enumerate these to prove every code has a golden file.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    public string FormatMessage(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
