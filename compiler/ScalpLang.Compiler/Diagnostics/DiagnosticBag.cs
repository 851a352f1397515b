using System.Collections.Immutable;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Diagnostics;

/// <summary>
/// Collects diagnostics for one phase. Past <see cref="Limit"/> errors the rest are dropped and
/// one SL1010 note says so, so that a garbage file cannot flood the terminal.
/// </summary>
public sealed class DiagnosticBag
{
    public const int Limit = 100;

    private readonly List<Diagnostic> _items = [];
    private int _errors;
    private bool _truncated;

    public int ErrorCount => _errors;
    public int Count => _items.Count;
    public bool HasErrors => _errors > 0;

    public void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] args) =>
        ReportWithHelp(descriptor, location, null, args);

    public void ReportWithHelp(DiagnosticDescriptor descriptor, SourceLocation location, string? help, params object?[] args)
    {
        if (_truncated)
            return;
        if (descriptor.Severity == DiagnosticSeverity.Error && _errors == Limit)
        {
            _truncated = true;
            _items.Add(new Diagnostic(DiagnosticDescriptors.TooManyErrors, location,
                DiagnosticDescriptors.TooManyErrors.FormatMessage(Limit), null));
            _errors++;
            return;
        }
        if (descriptor.Severity == DiagnosticSeverity.Error)
            _errors++;
        _items.Add(new Diagnostic(descriptor, location, descriptor.FormatMessage(args), help));
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (_truncated)
                return;
            if (d.IsError)
                _errors++;
            _items.Add(d);
            if (d.Descriptor == DiagnosticDescriptors.TooManyErrors)
                _truncated = true;
        }
    }

    /// <summary>Diagnostics ordered by file, then position, then code: a deterministic listing.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() =>
        [.. _items
            .Select((d, i) => (d, i))
            .OrderBy(p => p.d.Descriptor == DiagnosticDescriptors.TooManyErrors ? 1 : 0)
            .ThenBy(p => p.d.Location.Source.Path, StringComparer.Ordinal)
            .ThenBy(p => p.d.Location.Span.Start)
            .ThenBy(p => p.i)
            .Select(p => p.d)];
}
