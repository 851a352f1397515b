using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace ScalpLang.Scripting.Host;

/// <summary>
/// `scalp script RUN.csx [-- args...]`: compiles the script (Release, with debug information so
/// a failure can name its line) against the ScalpLang assemblies, runs it, and maps the outcome
/// to the command's exit codes. The script runs in this process with the user's rights.
/// </summary>
public static class ScriptRunner
{
    public const int Success = 0;
    public const int Errors = 1;
    public const int UsageOrIo = 2;

    private static readonly string[] Imports =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic",
        "ScalpLang.Scripting", "ScalpLang.Backtest", "ScalpLang.Backtest.Reports", "ScalpLang.Runtime.Abi.Scripting",
    ];

    /// <summary>
    /// Runs the script; its output goes to <paramref name="stdout"/> (Console.Out is redirected
    /// there for the run). A script that returns an int sets the exit code.
    /// </summary>
    public static int Run(string path, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (Directory.Exists(path))
        {
            stderr.WriteLine($"scalp script: {path}: is a directory");
            return UsageOrIo;
        }
        string code;
        try
        {
            code = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp script: {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
            return UsageOrIo;
        }

        var fullPath = Path.GetFullPath(path);
        var options = ScriptOptions.Default
            .WithFilePath(path)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithReferences(typeof(Scalp).Assembly, typeof(Backtest.BacktestSummary).Assembly, typeof(Runtime.Abi.Scripting.Ratio).Assembly,
                typeof(Runtime.Abi.CompiledStrategy).Assembly)
            .WithImports(Imports)
            .WithSourceResolver(new SourceFileResolver([], Path.GetDirectoryName(fullPath)))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Path.GetDirectoryName(fullPath)));
        var script = CSharpScript.Create(code, options, typeof(ScriptGlobals));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                stderr.WriteLine(ScriptDiagnostics.Format(error));
            return Errors;
        }

        var console = Console.Out;
        Console.SetOut(stdout);
        try
        {
            var state = script.RunAsync(new ScriptGlobals(args, Path.GetDirectoryName(fullPath)!, stdout)).GetAwaiter().GetResult();
            stdout.Flush();
            return state.ReturnValue is int exit ? exit : Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stdout.Flush();
            var line = ScriptLine(e, path, fullPath);
            var where = line is { } l ? $"{path}:{l}" : path;
            stderr.WriteLine($"{where}: error: {e.GetType().Name}: {e.Message}");
            return Errors;
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    /// <summary>The script line of the innermost frame of the script itself (its debug information names the file).</summary>
    private static int? ScriptLine(Exception e, string path, string fullPath)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            foreach (var frame in new StackTrace(inner, fNeedFileInfo: true).GetFrames())
            {
                var file = frame.GetFileName();
                if (file is not null && (file == path || file == fullPath) && frame.GetFileLineNumber() > 0)
                    return frame.GetFileLineNumber();
            }
        }
        return null;
    }
}
