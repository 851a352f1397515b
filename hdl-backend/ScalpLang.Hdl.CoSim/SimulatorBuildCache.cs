using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ScalpLang.Backend.Il;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// Built simulators kept by the hash of everything that decides the binary: the sources (module,
/// testbench), the tool's command line and the tool's version. A Verilator build costs seconds to
/// a minute and a run of the same strategy needs the same binary, so a second `scalp sim` of an
/// unchanged strategy skips it; any change to the Verilog (or the flags, or the tool) is another
/// key, so a stale binary is never run. The cache lives in the scalp cache folder
/// (<see cref="ScriptAssemblies.DefaultCacheDirectory"/>, as the compiled .csx imports), folder
/// <c>verilator/</c>, one executable per key; entries are installed by an atomic rename, so
/// concurrent runs never see half a binary, and only the newest <see cref="Keep"/> are kept.
/// </summary>
public sealed class SimulatorBuildCache(string directory)
{
    /// <summary>Entries kept after an install (by last use); each is one executable of a few MB.</summary>
    public const int Keep = 32;

    public static SimulatorBuildCache Default => new(Path.Combine(ScriptAssemblies.DefaultCacheDirectory, "verilator"));

    public string Directory { get; } = directory;

    /// <summary>The key of a build: SHA-256 over the tool's version, its arguments and each source's name and text.</summary>
    public static string Key(string toolVersion, IEnumerable<string> arguments, IEnumerable<(string Name, string Text)> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string part)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }
        Add(toolVersion);
        foreach (var a in arguments)
            Add(a);
        foreach (var (name, text) in sources)
        {
            Add(name);
            Add(text);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The cached executable for <paramref name="key"/>, or null; a hit is marked as used now.</summary>
    public string? Find(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
            return null;
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // Another run is using it; the mark only orders pruning.
        }
        return path;
    }

    /// <summary>Copies a freshly built executable in under <paramref name="key"/> and returns the cached path.</summary>
    public string Install(string key, string builtExecutable)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var target = PathOf(key);
        var partial = target + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".partial";
        File.Copy(builtExecutable, partial, overwrite: true);
        File.Move(partial, target, overwrite: true);
        Prune();
        return target;
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".sim");

    private void Prune()
    {
        var entries = new DirectoryInfo(Directory).GetFiles("*.sim").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Keep);
        foreach (var stale in entries)
        {
            try
            {
                stale.Delete();
            }
            catch (IOException)
            {
                // Running elsewhere right now; the next install prunes it.
            }
        }
    }

    /// <summary>The first line of <c>TOOL --version</c> (part of the key: a new Verilator rebuilds).</summary>
    public static string? ToolVersion(string tool)
    {
        try
        {
            var start = new ProcessStartInfo(tool, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
