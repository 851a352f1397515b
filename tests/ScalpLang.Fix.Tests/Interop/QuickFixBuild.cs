using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>
/// Compiles the QuickFIX C++ programs in Interop/quickfix with g++ against Debian's
/// libquickfix-dev, once per test run. Binaries are cached in the temp folder under a hash of
/// the sources and flags, so an unchanged source is not compiled again. A missing package is a
/// test failure naming it (never a silent pass).
/// </summary>
public static class QuickFixBuild
{
    private const string Flags = "-std=c++14 -O1 -Wall -Werror -Wno-deprecated";
    private static readonly string[] HeaderPaths = ["/usr/include/quickfix/Application.h", "/usr/local/include/quickfix/Application.h"];
    private static readonly Lazy<(string Executor, string Initiator)> Binaries = new(Build);

    public static string Sources => Path.Combine(RepoPaths.Root, "tests", "ScalpLang.Fix.Tests", "Interop", "quickfix");

    public static string Executor => Binaries.Value.Executor;
    public static string Initiator => Binaries.Value.Initiator;

    private static (string, string) Build()
    {
        if (!HeaderPaths.Any(File.Exists))
            throw new InvalidOperationException(
                "QuickFIX C++ is not installed (no quickfix/Application.h): install Debian's libquickfix-dev " +
                "(apt-get install -y libquickfix-dev; ./test.sh installs it)");
        var files = Directory.GetFiles(Sources).Order(StringComparer.Ordinal).ToList();
        var hash = Hash(files);
        var folder = Path.Combine(Path.GetTempPath(), "scalp-quickfix-interop", hash);
        Directory.CreateDirectory(folder);
        return (Compile(folder, "executor"), Compile(folder, "initiator"));
    }

    private static string Hash(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Flags));
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static string Compile(string folder, string name)
    {
        var binary = Path.Combine(folder, name);
        if (File.Exists(binary))
            return binary;
        var temporary = binary + "." + Guid.NewGuid().ToString("N");  // concurrent runs: build aside, then rename
        var info = new ProcessStartInfo("g++") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in Flags.Split(' ').Concat(["-o", temporary, Path.Combine(Sources, name + ".cpp"), "-lquickfix", "-lpthread"]))
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("g++ is missing: install Debian's g++ (apt-get install -y g++; ./test.sh installs it)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"g++ took over 3 minutes on {name}.cpp");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"g++ failed on {name}.cpp (exit {process.ExitCode}):\n{stdout.Result}{stderr.Result}");
        }
        File.Move(temporary, binary, overwrite: true);
        return binary;
    }
}
