using System.Reflection;
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
    private StrategyLoader(string name) : base(name, isCollectible: true)
    {
    }

    public static (CompiledStrategy Strategy, AssemblyLoadContext Context) Load(byte[] image, string typeName)
    {
        var context = new StrategyLoader("scalp:" + typeName);
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var strategy = (CompiledStrategy)Activator.CreateInstance(type)!;
        return (strategy, context);
    }

    public static (CompiledStrategy Strategy, AssemblyLoadContext Context) LoadFile(string path)
    {
        var image = File.ReadAllBytes(path);
        var context = new StrategyLoader("scalp:" + Path.GetFileName(path));
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        var type = assembly.GetTypes().Single(t => t.IsSubclassOf(typeof(CompiledStrategy)));
        return ((CompiledStrategy)Activator.CreateInstance(type)!, context);
    }

    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
