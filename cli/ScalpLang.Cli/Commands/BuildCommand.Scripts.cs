using ScalpLang.Compiler.Ir;

namespace ScalpLang.Cli.Commands;

internal static partial class BuildCommand
{
    /// <summary>
    /// A strategy calling C# imports references their compiled assemblies: they go beside the
    /// .dll, so the artefact runs on a machine without the cache (StrategyLoader looks there).
    /// </summary>
    private static int CopyScriptAssemblies(IrProgram ir, string destination, TextWriter stdout, TextWriter stderr)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        foreach (var library in ir.Nodes.OfType<IrScriptCall>().Select(c => c.Library).DistinctBy(l => l.AssemblyName))
        {
            var target = Path.Combine(folder, library.AssemblyName + ".dll");
            try
            {
                File.Copy(library.AssemblyPath, target, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"scalp build: cannot copy the compiled C# import {library.DisplayPath} to {target}: {e.Message}");
                return ExitCodes.UsageOrIo;
            }
            stdout.WriteLine($"{target}: compiled {library.DisplayPath}");
        }
        return ExitCodes.Success;
    }
}
