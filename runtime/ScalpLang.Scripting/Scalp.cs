using System.Text;
using ScalpLang.Backend.Il;
using ScalpLang.Backtest;
using ScalpLang.Backtest.Reports;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Scripting;

/// <summary>
/// The ScalpLang API of research scripts (docs/scripting.md): compile a strategy, backtest it on
/// a data spec with parameter overrides, sweep a parameter, and read the report — the same
/// <see cref="BacktestReport"/> (and its <see cref="BacktestSummary"/>) that `scalp backtest
/// --json` prints. Paths are relative to the current directory; data specs and NAME=VALUE
/// overrides are written as on the command line. Errors throw <see cref="ScalpException"/>.
/// </summary>
public static class Scalp
{
    /// <summary>Compiles a .scalp file (its imports, C# ones included) to IL.</summary>
    /// <exception cref="ScalpException">The file is missing or has errors (the message lists them).</exception>
    public static ScalpStrategy Compile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScalpException($"{path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}", e);
        }
        var program = FrontEnd.Check(bytes, path, scripts: CsxImportCompiler.Default);
        var emitted = program.HasErrors || program.Strategy is null ? null : IlBackend.Emit(Lowerer.Lower(program.Strategy));
        var diagnostics = program.Diagnostics.Concat(emitted?.Diagnostics ?? []).ToList();
        if (emitted?.Image is null)
        {
            var text = new StringBuilder();
            foreach (var diagnostic in diagnostics)
                DiagnosticFormatter.Append(text, diagnostic);
            throw new ScalpException($"{path} does not compile:\n{text}");
        }
        var (loaded, context) = StrategyLoader.Load(emitted.Image, emitted.TypeName);
        var metadata = loaded.Metadata;
        context.Unload();
        return new ScalpStrategy(path, emitted.Image, emitted.TypeName, metadata,
            [.. diagnostics.Where(d => !d.IsError).Select(DiagnosticFormatter.Format)]);
    }

    /// <summary>Compiles and backtests on the simple venue.</summary>
    /// <param name="data">synthetic[:seed=N,events=M], lobster:PATH, tardis:PATH[,PATH] or tape:PATH.</param>
    /// <param name="parameters">Overrides, NAME=VALUE as for `--param` (threshold=0.7, patience=500ms).</param>
    public static BacktestReport Backtest(string path, string data = "synthetic", params string[] parameters) =>
        Backtest(Compile(path), data, parameters);

    /// <summary>Backtests a compiled strategy (a fresh instance per call).</summary>
    public static BacktestReport Backtest(ScalpStrategy strategy, string data = "synthetic", params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (!DataSpec.TryParse(data, out var spec, out var specError))
            throw new ScalpException($"data {data}: {specError}");
        var (instance, context) = StrategyLoader.Load(strategy.Image, strategy.TypeName);
        try
        {
            foreach (var item in parameters)
                Override(instance, item);
            try
            {
                instance.Start();
            }
            catch (ArgumentException e)
            {
                throw new ScalpException($"{strategy.Path}: cannot start: {e.Message}", e);
            }
            var report = BacktestRunner.RunWithReport(instance, spec, out var error);
            return error is null ? report : throw new ScalpException(error);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>One backtest per value of one parameter, in the order given.</summary>
    public static IReadOnlyList<SweepPoint> Sweep(string path, string data, string parameter, params string[] values) =>
        Sweep(Compile(path), data, parameter, values);

    /// <summary>One backtest of a compiled strategy per value of one parameter, in the order given, one after another.</summary>
    public static IReadOnlyList<SweepPoint> Sweep(ScalpStrategy strategy, string data, string parameter, params string[] values) =>
        [.. values.Select(v => new SweepPoint(v, Backtest(strategy, data, $"{parameter}={v}")))];

    /// <summary>A value read as the language reads a literal of the type (raw Q47.16, or ns for a duration).</summary>
    public static long Raw(string type, string text) =>
        ValueText.TryParse(type, text, out var raw, out var error) ? raw : throw new ScalpException($"'{text}' as {type}: {error}");

    private static void Override(Runtime.Abi.CompiledStrategy strategy, string item)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new ScalpException($"parameter override '{item}': expected NAME=VALUE");
        var name = item[..equals].Trim();
        var info = strategy.Metadata.Parameters.FirstOrDefault(p => p.Name == name)
            ?? throw new ScalpException($"{strategy.Metadata.Name} has no parameter '{name}' (it has: {string.Join(", ", strategy.Metadata.Parameters.Select(p => p.Name))})");
        var raw = Raw(info.Type, item[(equals + 1)..].Trim());
        try
        {
            strategy.SetParameter(name, raw);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ScalpException($"parameter override '{item}': outside the declared range of '{name}'", e);
        }
    }
}
