using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module and its testbench (null when a diagnostic refused the strategy), the module's name,
/// and the named values the testbench can dump at one event (<see cref="Probes"/>).
/// </summary>
public sealed record VerilogEmitResult(
    string ModuleName,
    string? Module,
    string? Testbench,
    ImmutableArray<string> Probes,
    ImmutableArray<Diagnostic> Diagnostics);
