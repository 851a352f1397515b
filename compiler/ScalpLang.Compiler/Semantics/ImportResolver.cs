using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>Finds and reads imported files; tests substitute an in-memory one.</summary>
public interface IImportResolver
{
    /// <summary>A canonical key for the import (cycle detection, de-duplication), or null with a reason.</summary>
    string? Resolve(SourceText importer, string path, out string? error);

    /// <summary>
    /// The decoded text of a resolved import, or null: with <paramref name="error"/> set when it
    /// cannot be read, or with the decoding problem reported into <paramref name="diagnostics"/>.
    /// </summary>
    SourceText? Load(string key, DiagnosticBag diagnostics, out string? error);
}

/// <summary>
/// Resolves imports relative to the importing file on disk. Imported files are shown relative
/// to <see cref="DisplayRoot"/> (the current directory by default), so diagnostics name them
/// the way the user would type them.
/// </summary>
public sealed class FileImportResolver(string? displayRoot = null) : IImportResolver
{
    public static readonly FileImportResolver Instance = new();

    public string DisplayRoot => displayRoot ?? Directory.GetCurrentDirectory();

    public string? Resolve(SourceText importer, string path, out string? error)
    {
        error = null;
        if (path.Length == 0)
        {
            error = "the path is empty";
            return null;
        }
        var importerPath = importer.FullPath ?? Path.GetFullPath(importer.Path);
        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importerPath) ?? ".", path));
        if (Directory.Exists(full))
        {
            error = "it is a directory";
            return null;
        }
        if (!File.Exists(full))
        {
            error = "no such file";
            return null;
        }
        return full;
    }

    public SourceText? Load(string key, DiagnosticBag diagnostics, out string? error)
    {
        error = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(key);
            if (info.Length > SourceDecoder.MaxSourceBytes)
            {
                error = $"it is {info.Length:N0} bytes, above the {SourceDecoder.MaxSourceBytes:N0}-byte limit";
                return null;
            }
            bytes = File.ReadAllBytes(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
        var display = Path.GetRelativePath(DisplayRoot, key);
        return SourceDecoder.Decode(bytes, display, diagnostics, key);
    }
}
