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
/// the path. ONNX models are left unread (the IL backend refuses them, SL4001).
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

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
