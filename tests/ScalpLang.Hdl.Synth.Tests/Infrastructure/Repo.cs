using System.Diagnostics;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Hdl.Synth.Tests.Infrastructure;

/// <summary>The source tree (goldens are read from it, not from bin/), strategies lowered to IR, and external tools.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The FPGA-able strategies of the Verilog backend's goldens.</summary>
    public static string Golden(string folder) => Path.Combine(Root, "tests", "ScalpLang.Backend.Verilog.Tests", "Goldens", folder, "input.scalp");

    public static IrProgram Lower(string fullPath)
    {
        var program = FrontEnd.Check(SourceText.From(File.ReadAllText(fullPath), Path.GetFileName(fullPath), fullPath));
        Assert.False(program.HasErrors, string.Join("\n", program.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
        return Lowerer.Lower(program.Strategy!);
    }

    public static string Scratch(string name) => Directory.CreateTempSubdirectory($"scalp-synth-{name}-").FullName;

    /// <summary>Runs a tool; its exit status and combined output.</summary>
    public static (int Exit, string Output) Run(string file, string workDir, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find ScalpLang.sln above " + AppContext.BaseDirectory);
    }
}
