using System.Collections.Immutable;
using System.Text.Json;
using ScalpLang.Compiler.Semantics;

namespace ScalpLang.Scripting.Imports;

/// <summary>The cached signatures of a compiled import (csx/&lt;assembly&gt;.json), read instead of recompiling.</summary>
internal static class CsxSignatureFile
{
    private sealed record Entry(string Hash, string Assembly, string Type, Function[] Functions);

    private sealed record Function(string Name, Parameter[] Parameters, string Returns);

    private sealed record Parameter(string Name, string Type);

    public static byte[] Serialize(ScriptLibrary library) => JsonSerializer.SerializeToUtf8Bytes(new Entry(library.ContentHash, library.AssemblyName, library.TypeName,
        [.. library.Functions.Select(f => new Function(f.Name, [.. f.Parameters.Select(p => new Parameter(p.Name, p.Type.ToString()))], f.ReturnType.ToString()))]));

    /// <summary>A cached library, or false when either file is missing or unreadable (then it is compiled again).</summary>
    public static bool TryRead(string path, string dll, string displayPath, out ScriptLibrary? library)
    {
        library = null;
        if (!File.Exists(path) || !File.Exists(dll))
            return false;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllBytes(path));
            if (entry?.Functions is null)
                return false;
            var functions = ImmutableArray.CreateBuilder<ScriptFunction>();
            foreach (var f in entry.Functions)
            {
                if (!ScalpType.ByName.TryGetValue(f.Returns, out var returns) || f.Parameters.Any(p => !ScalpType.ByName.ContainsKey(p.Type)))
                    return false;
                functions.Add(new ScriptFunction(f.Name, [.. f.Parameters.Select(p => new ScriptParameter(p.Name, ScalpType.ByName[p.Type]))], returns));
            }
            library = new ScriptLibrary(displayPath, entry.Hash, entry.Assembly, dll, entry.Type, functions.ToImmutable());
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
