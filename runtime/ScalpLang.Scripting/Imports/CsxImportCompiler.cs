using System.Collections.Concurrent;
using System.Security.Cryptography;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Runtime.Abi.Scripting;

namespace ScalpLang.Scripting.Imports;

/// <summary>
/// Compiles the .csx files strategies import, once per content: the assembly and its signatures
/// are cached on disk as csx/&lt;hash&gt;.dll and csx/&lt;hash&gt;.json under the cache directory
/// (ScriptAssemblies.DefaultCacheDirectory), so a second compile of the strategy, in this process
/// or another, reads two files and never loads Roslyn. A file that does not compile is not cached.
/// </summary>
public sealed class CsxImportCompiler : IScriptImportResolver
{
    /// <summary>Bumped when what is cached changes shape (it is part of every hash).</summary>
    private const string CacheFormat = "scalp-csx-v1";

    private static readonly Lazy<CsxImportCompiler> LazyDefault = new(() => new CsxImportCompiler(ScriptAssemblies.DefaultCacheDirectory));

    private readonly ConcurrentDictionary<string, ScriptLibrary> _loaded = new(StringComparer.Ordinal);
    private int _compilations;

    /// <param name="cacheDirectory">The cache root; compiled imports go to its csx/ folder.</param>
    public CsxImportCompiler(string cacheDirectory) => Directory = Path.Combine(cacheDirectory, "csx");

    /// <summary>The instance over the default cache, shared by the commands and the Scalp facade.</summary>
    public static CsxImportCompiler Default => LazyDefault.Value;

    /// <summary>The folder holding the compiled imports.</summary>
    public string Directory { get; }

    /// <summary>How many times this instance ran the C# compiler (a cache hit does not).</summary>
    public int Compilations => Volatile.Read(ref _compilations);

    public ScriptImportResult Load(string fullPath, string displayPath)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(ScriptProblemKind.CompileError, $"cannot read it: {e.Message}");
        }
        var hash = Hash(content);
        var assemblyName = ScriptAssemblies.NamePrefix + hash;
        var dll = Path.Combine(Directory, assemblyName + ".dll");
        var signatures = Path.Combine(Directory, assemblyName + ".json");
        if (_loaded.TryGetValue(hash, out var known) || CsxSignatureFile.TryRead(signatures, dll, displayPath, out known))
            return new ScriptImportResult(_loaded[hash] = known! with { DisplayPath = displayPath }, []);

        Interlocked.Increment(ref _compilations);
        var compiled = CsxLibraryCompilation.Compile(content, displayPath, assemblyName);
        var library = new ScriptLibrary(displayPath, hash, assemblyName, dll, CsxLibraryCompilation.ScriptClassName, compiled.Functions);
        if (compiled.Image is null)
        {
            // The valid functions are still declared, so their calls are checked rather than
            // reported as undefined; the problems are errors, so nothing is emitted or cached.
            return new ScriptImportResult(compiled.Functions.IsEmpty ? null : library with { AssemblyPath = "" }, compiled.Problems);
        }
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            WriteAtomically(dll, compiled.Image);
            WriteAtomically(signatures, CsxSignatureFile.Serialize(library));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(ScriptProblemKind.CompileError, $"cannot write the compiled import to {Directory}: {e.Message} (set SCALP_CACHE_DIR to a writable folder)");
        }
        _loaded[hash] = library;
        return new ScriptImportResult(library, compiled.Problems);
    }

    private static ScriptImportResult Failed(ScriptProblemKind kind, string message) => new(null, [new ScriptProblem(kind, message)]);

    /// <summary>The content, the cache format and the unit types' assembly: a change to any compiles again.</summary>
    private static string Hash(byte[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(content);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(CacheFormat + typeof(Ratio).Assembly.ManifestModule.ModuleVersionId.ToString("N")));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..32];
    }

    /// <summary>Another process may read the cache at the same time: it sees the whole file or none.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
