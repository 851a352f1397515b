using System.Collections.Concurrent;

namespace ScalpLang.Backend.Il;

/// <summary>
/// Where the compiled C# imports (.csx) live, so that a strategy calling them can be loaded: the
/// emitted assembly references each by name (ScalpScript_&lt;content hash&gt;), and
/// <see cref="StrategyLoader"/> finds the file here, beside a strategy .dll, or in the cache.
/// </summary>
public static class ScriptAssemblies
{
    public const string NamePrefix = "ScalpScript_";

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    /// <summary>
    /// The cache of compiled imports: $SCALP_CACHE_DIR, else $XDG_CACHE_HOME/scalp, else
    /// ~/.cache/scalp; compiled imports are in its csx/ folder.
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("SCALP_CACHE_DIR") is { Length: > 0 } explicitDir)
                return Path.GetFullPath(explicitDir);
            if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
                return Path.Combine(xdg, "scalp");
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "scalp");
        }
    }

    /// <summary>Remembers where an assembly a strategy will reference is (the emitter calls this).</summary>
    public static void Register(string assemblyName, string path) => Known[assemblyName] = path;

    /// <summary>The file of a script assembly: registered, beside <paramref name="besides"/>, or in the default cache.</summary>
    public static string? Find(string assemblyName, string? besides)
    {
        if (Known.TryGetValue(assemblyName, out var known) && File.Exists(known))
            return known;
        var file = assemblyName + ".dll";
        if (besides is not null && Path.Combine(besides, file) is var beside && File.Exists(beside))
            return beside;
        var cached = Path.Combine(DefaultCacheDirectory, "csx", file);
        return File.Exists(cached) ? cached : null;
    }
}
