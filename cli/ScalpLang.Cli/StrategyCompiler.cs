using System.Runtime.Loader;
using System.Text;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Runtime.Abi;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Cli;

/// <summary>Source file -> loaded strategy with parameter overrides, for the commands that run one.</summary>
internal static class StrategyCompiler
{
    /// <param name="collectible">
    /// False when the strategy will process many events: a non-collectible context lets the
    /// runtime tier it up with dynamic PGO (collectible code is compiled once, without profile data).
    /// </param>
    public static (CompiledStrategy? Strategy, AssemblyLoadContext? Context, int Exit) Load(
        string path, IReadOnlyList<string> overrides, TextWriter stderr, bool collectible = true)
    {
        CompiledStrategy strategy;
        AssemblyLoadContext context;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            // A strategy compiled earlier by `scalp build`: the deployable artefact runs as is.
            if (!File.Exists(path))
            {
                stderr.WriteLine($"scalp: {path}: no such file");
                return (null, null, ExitCodes.UsageOrIo);
            }
            try
            {
                (strategy, context) = StrategyLoader.LoadFile(path, collectible);
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or FileLoadException or TypeLoadException
                or System.Reflection.ReflectionTypeLoadException or System.Text.Json.JsonException or InvalidDataException)
            {
                stderr.WriteLine($"scalp: {path}: not a strategy compiled by `scalp build` ({e.GetType().Name}: {e.Message})");
                return (null, null, ExitCodes.Errors);
            }
        }
        else
        {
            if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
                return (null, null, ExitCodes.UsageOrIo);
            var program = FrontEnd.Check(bytes, path, fileLength: length, scripts: CsxImportCompiler.Default, models: ModelFiles.Reader, sentiments: ModelFiles.Sentiments);
            var emitted = program.HasErrors || program.Strategy is null ? null : IlBackend.Emit(Lowerer.Lower(program.Strategy));
            var report = new StringBuilder();
            foreach (var diagnostic in program.Diagnostics.Concat(emitted?.Diagnostics ?? []))
                DiagnosticFormatter.Append(report, diagnostic);
            stderr.Write(report.ToString());
            if (emitted?.Image is null)
                return (null, null, ExitCodes.Errors);
            (strategy, context) = StrategyLoader.Load(emitted.Image, emitted.TypeName, collectible);
        }
        foreach (var item in overrides)
        {
            if (!TryOverride(strategy, item, out var error))
            {
                stderr.WriteLine($"scalp: --param {item}: {error}");
                if (context.IsCollectible)
                    context.Unload();
                return (null, null, ExitCodes.UsageOrIo);
            }
        }
        return (strategy, context, ExitCodes.Success);
    }

    /// <summary>Sets one <c>NAME=VALUE</c> override (also the <c>param</c> lines of scenario files).</summary>
    internal static bool TryOverride(CompiledStrategy strategy, string item, out string? error)
    {
        error = null;
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = "expected NAME=VALUE";
            return false;
        }
        var name = item[..equals].Trim();
        var text = item[(equals + 1)..].Trim();
        var info = strategy.Metadata.Parameters.FirstOrDefault(p => p.Name == name);
        if (info is null)
        {
            error = $"{strategy.Metadata.Name} has no parameter '{name}' (it has: {string.Join(", ", strategy.Metadata.Parameters.Select(p => p.Name))})";
            return false;
        }
        if (!TryParseValue(info.Type, text, out var raw, out error))
            return false;
        try
        {
            strategy.SetParameter(name, raw);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            error = $"{text} is outside the declared range of '{name}' ({Commands.ParamsCommand.Format(info.Type, info.Lower)}..{Commands.ParamsCommand.Format(info.Type, info.Upper)})";
            return false;
        }
    }

    /// <summary>A value as the language would read it: quantised once, exactly as a literal (ValueText).</summary>
    internal static bool TryParseValue(string type, string text, out long raw, out string? error) =>
        ValueText.TryParse(type, text, out raw, out error);
}
