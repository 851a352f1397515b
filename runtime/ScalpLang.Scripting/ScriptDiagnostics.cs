using Microsoft.CodeAnalysis;

namespace ScalpLang.Scripting;

/// <summary>C# diagnostics as `path:line:col: error CSxxxx: message`, the shape of ScalpLang's own.</summary>
internal static class ScriptDiagnostics
{
    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return span.IsValid
            ? $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}: {severity} {diagnostic.Id}: {message}"
            : $"{severity} {diagnostic.Id}: {message}";
    }
}
