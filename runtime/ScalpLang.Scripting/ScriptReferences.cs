using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ScalpLang.Scripting;

/// <summary>What scripts and imports compile against: the framework, and the ScalpLang assemblies they use.</summary>
internal static class ScriptReferences
{
    /// <summary>An import sees the framework and the unit types only (ScalpLang.Runtime.Abi).</summary>
    public static ImmutableArray<MetadataReference> ForImports => LazyImports.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyImports = new(() =>
    [
        .. Framework(),
        MetadataReference.CreateFromFile(typeof(Runtime.Abi.Scripting.Ratio).Assembly.Location),
    ]);

    /// <summary>The framework's reference set: the assemblies the host runs on (the trusted platform assemblies).</summary>
    private static IEnumerable<MetadataReference> Framework()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return trusted
            .Where(p => Path.GetDirectoryName(p) == runtimeDirectory && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
