namespace ScalpLang.Scripting.Tests;

/// <summary>A scratch folder per test (strategies, imports, a cache of its own), deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("scalp-scripting-").FullName;

    public string Cache => System.IO.Path.Combine(Path, "cache");

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>The repository root (the folder holding ScalpLang.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(System.IO.Path.Combine(dir, "ScalpLang.sln")))
                dir = System.IO.Path.GetDirectoryName(dir)!;
            return dir;
        }
    }
}
