using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il;

/// <summary>
/// Loads an emitted strategy into its own collectible AssemblyLoadContext, so a research loop can
/// compile, run and unload thousands of variants. ScalpLang.Runtime.Abi resolves to the host's
/// copy (the context falls back to the default one), so the types are the host's types.
/// </summary>
public sealed class StrategyLoader : AssemblyLoadContext
{
    private readonly string? _directory;

    // A collectible context whose object is collected starts unloading (its finalizer does), and a
    // strategy calling C# imports resolves their assemblies through it when Evaluate is first
    // compiled: so each strategy keeps its context alive as long as it lives itself.
    private static readonly ConditionalWeakTable<CompiledStrategy, AssemblyLoadContext> Contexts = new();

    private StrategyLoader(string name, bool collectible, string? directory = null) : base(name, collectible) => _directory = directory;

    /// <param name="collectible">
    /// False for a process that runs one strategy for its lifetime (a backtest, a live run): the
    /// runtime compiles collectible code once, fully optimised but without tiering, so it misses
    /// dynamic PGO (profile-guided inlining of the window updates, devirtualised action sink);
    /// a non-collectible context gets both, and costs nothing when the process exits anyway.
    /// </param>
    public static (CompiledStrategy Strategy, AssemblyLoadContext Context) Load(byte[] image, string typeName, bool collectible = true)
    {
        var context = new StrategyLoader("scalp:" + typeName, collectible);
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var strategy = (CompiledStrategy)Activator.CreateInstance(type)!;
        Contexts.AddOrUpdate(strategy, context);
        return (strategy, context);
    }

    public static (CompiledStrategy Strategy, AssemblyLoadContext Context) LoadFile(string path, bool collectible = true)
    {
        var image = File.ReadAllBytes(path);
        var context = new StrategyLoader("scalp:" + Path.GetFileName(path), collectible, Path.GetDirectoryName(Path.GetFullPath(path)));
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetTypes().Single(t => t.IsSubclassOf(typeof(CompiledStrategy)));
        var strategy = (CompiledStrategy)Activator.CreateInstance(type)!;
        Contexts.AddOrUpdate(strategy, context);
        return (strategy, context);
    }

    /// <summary>Compiled C# imports load into the strategy's own context (and unload with it); the rest is the host's.</summary>
    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && name.StartsWith(ScriptAssemblies.NamePrefix, StringComparison.Ordinal)
            && ScriptAssemblies.Find(name, _directory) is { } file
            ? LoadFromAssemblyPath(file)
            : null;
}
