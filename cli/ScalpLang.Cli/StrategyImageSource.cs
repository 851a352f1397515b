using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Scripting.Imports;
using ScalpLang.Sweeps.Orleans;

namespace ScalpLang.Cli;

/// <summary>
/// The strategy assembly a distributed sweep ships to its silos: the `scalp build` output itself
/// for a .dll, else the same emitter's image of the source (already checked by the load that made the
/// template, so no diagnostics are expected here).
/// </summary>
internal static class StrategyImageSource
{
    public static StrategyImage? For(string path, CompiledStrategy template)
    {
        var typeName = template.GetType().FullName!;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return StrategyImage.From(File.ReadAllBytes(path), typeName);
        if (!SourceFiles.TryRead(path, TextWriter.Null, out var bytes, out var length))
            return null;
        var program = FrontEnd.Check(bytes, path, fileLength: length, scripts: CsxImportCompiler.Default, models: ModelFiles.Reader);
        var emitted = program.HasErrors || program.Strategy is null ? null : IlBackend.Emit(Lowerer.Lower(program.Strategy));
        return emitted?.Image is { } image ? StrategyImage.From(image, emitted.TypeName) : null;
    }
}
