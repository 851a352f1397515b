using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;

namespace ScalpLang.Backend.Il;

/// <summary>The emitted assembly image (null when a diagnostic explains why not).</summary>
public sealed record IlEmitResult(byte[]? Image, string TypeName, ImmutableArray<Diagnostic> Diagnostics);
