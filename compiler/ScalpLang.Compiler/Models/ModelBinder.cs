using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Models;

/// <summary>
/// After binding: reads each <c>.zip</c> model a strategy declares (the path is relative to the
/// folder of the file that declares it) and checks the declared features against the features
/// the model was trained on: their number (SL2049), each one's text (SL2050, whitespace
/// ignored) and unit (SL2051). A missing, unreadable or non-importable file is SL2046..SL2048 at
/// the path. An <c>.onnx</c> model is checked by the reader's <see cref="IOnnxModelChecker"/>
/// (SL2046, SL2054..SL2059 at the path); a reader without one leaves it unread.
/// </summary>
public static class ModelBinder
{
    public static CheckedProgram Bind(CheckedProgram program, IModelReader reader)
    {
        if (program.Strategy is not { } strategy || strategy.Models.IsEmpty)
            return program;
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(program.Diagnostics);
        var models = ImmutableArray.CreateBuilder<BoundModel>();
        foreach (var model in strategy.Models)
            models.Add(BindModel(model, reader, diagnostics));
        return program with { Strategy = strategy with { Models = models.ToImmutable() }, Diagnostics = diagnostics.ToImmutable() };
    }

    private static BoundModel BindModel(BoundModel model, IModelReader reader, DiagnosticBag diagnostics)
    {
        if (model.IsOnnx && model.Path.Trim().Length > 0 && reader is IOnnxModelChecker onnx)
            return BindOnnx(model, onnx, diagnostics);
        if (!model.Path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || model.Path.Trim().Length == 0)
            return model;
        var source = model.Symbol.Location.Source;
        var at = new SourceLocation(source, model.PathSpan);
        var folder = source.FullPath is { } full ? Path.GetDirectoryName(full) ?? "." : Directory.GetCurrentDirectory();
        var result = reader.Read(Path.GetFullPath(Path.Combine(folder, model.Path)));
        var name = model.Symbol.Name;
        switch (result.Failure)
        {
            case ModelReadFailure.Missing:
                diagnostics.Report(DiagnosticDescriptors.ModelNotFound, at, name, model.Path);
                return model;
            case ModelReadFailure.Corrupt:
                diagnostics.Report(DiagnosticDescriptors.ModelUnreadable, at, name, model.Path, result.Message);
                return model;
            case ModelReadFailure.Unsupported:
                diagnostics.Report(DiagnosticDescriptors.ModelUnsupported, at, name, model.Path, result.Message);
                return model;
        }
        var imported = result.Model!;
        var trained = imported.Features;
        if (trained.Length != model.Features.Length)
        {
            diagnostics.Report(DiagnosticDescriptors.ModelFeatureCount, model.Symbol.Location, name, model.Features.Length, model.Path,
                trained.Length, string.Join(", ", trained.Select(f => $"{f.Name}: {f.Unit}")));
            return model;
        }
        var ok = true;
        for (var i = 0; i < trained.Length; i++)
        {
            var feature = model.Features[i];
            if (feature is BoundError)
                continue;
            var declared = source.ToString(feature.Span);
            var where = new SourceLocation(source, feature.Span);
            if (Compact(declared) != Compact(trained[i].Name))
            {
                diagnostics.Report(DiagnosticDescriptors.ModelFeatureName, where, i + 1, name, declared, trained[i].Name);
                ok = false;
            }
            else if (feature.Type.ToString() != trained[i].Unit)
            {
                diagnostics.Report(DiagnosticDescriptors.ModelFeatureUnit, where, i + 1, name, feature.Type, trained[i].Unit);
                ok = false;
            }
        }
        return ok ? model with { Imported = imported } : model;
    }

    private static BoundModel BindOnnx(BoundModel model, IOnnxModelChecker checker, DiagnosticBag diagnostics)
    {
        // A feature that did not bind (already reported) leaves the count unknown: nothing to compare.
        if (model.Features.Any(f => f is BoundError))
            return model;
        var source = model.Symbol.Location.Source;
        var at = new SourceLocation(source, model.PathSpan);
        var full = Path.GetFullPath(Path.Combine(Folder(source), model.Path));
        var result = checker.Check(full, model.Features.Length, model.History);
        var (name, path) = (model.Symbol.Name, model.Path);
        switch (result.Failure)
        {
            case OnnxCheckFailure.None:
                return model with { OnnxPath = full };
            case OnnxCheckFailure.Missing:
                diagnostics.Report(DiagnosticDescriptors.ModelNotFound, at, name, path);
                break;
            case OnnxCheckFailure.Unreadable:
                diagnostics.Report(DiagnosticDescriptors.OnnxUnreadable, at, name, path, result.Message);
                break;
            case OnnxCheckFailure.Input:
                diagnostics.Report(DiagnosticDescriptors.OnnxInput, at, name, path, result.Message);
                break;
            case OnnxCheckFailure.InputShape:
                diagnostics.Report(DiagnosticDescriptors.OnnxInputShape, at, name, path, result.Message);
                break;
            case OnnxCheckFailure.Output:
                diagnostics.Report(DiagnosticDescriptors.OnnxOutput, at, name, path, result.Message);
                break;
            case OnnxCheckFailure.RunFails:
                diagnostics.Report(DiagnosticDescriptors.OnnxRunFails, at, name, path, result.Message);
                break;
            default:
                diagnostics.Report(DiagnosticDescriptors.OnnxNotProbability, at, name, path, result.Message);
                break;
        }
        return model;
    }

    private static string Folder(Text.SourceText source) =>
        source.FullPath is { } full ? Path.GetDirectoryName(full) ?? "." : Directory.GetCurrentDirectory();

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
