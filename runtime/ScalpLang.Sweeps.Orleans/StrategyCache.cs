using System.Collections.Concurrent;
using System.Runtime.Loader;
using ScalpLang.Backend.Il;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Sweeps.Orleans;

/// <summary>
/// The strategy types a silo has loaded, by image hash: each image is loaded once into its own
/// collectible context, and each work item gets a fresh instance of its type. Beyond
/// <see cref="Capacity"/> images the oldest context is unloaded (the runtime frees it once no
/// running item still holds its type).
/// </summary>
public sealed class StrategyCache
{
    public const int Capacity = 16;

    private readonly ConcurrentDictionary<string, Lazy<(Type Type, AssemblyLoadContext Context)>> _loaded = new();
    private readonly ConcurrentQueue<string> _order = new();

    public CompiledStrategy Create(StrategyImage image)
    {
        var entry = _loaded.GetOrAdd(image.Hash, _ =>
        {
            _order.Enqueue(image.Hash);
            return new Lazy<(Type, AssemblyLoadContext)>(() =>
            {
                var (strategy, context) = StrategyLoader.Load(image.Bytes, image.TypeName, collectible: true);
                return (strategy.GetType(), context);
            });
        });
        var type = entry.Value.Type;
        while (_loaded.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            if (oldest == image.Hash)
                _order.Enqueue(oldest); // the one in use stays; the next oldest goes
            else if (_loaded.TryRemove(oldest, out var evicted) && evicted.IsValueCreated)
                evicted.Value.Context.Unload();
        }
        return (CompiledStrategy)Activator.CreateInstance(type)!;
    }
}
