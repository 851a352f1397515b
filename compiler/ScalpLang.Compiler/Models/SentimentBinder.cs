using System.Collections.Immutable;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Models;

/// <summary>
/// After binding: checks the file of each <c>sentiment</c> declaration (relative to the folder of
/// the declaring file) and records its full path for the host, which scores headlines with it.
/// A missing file is SL2067, an unreadable one SL2068, a model that is not a headline classifier
/// SL2069, each at the path.
/// </summary>
public static class SentimentBinder
{
    public static CheckedProgram Bind(CheckedProgram program, ISentimentModelReader reader)
    {
        if (program.Strategy is not { } strategy || strategy.Sentiments.IsEmpty)
            return program;
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(program.Diagnostics);
        var bound = ImmutableArray.CreateBuilder<BoundSentiment>();
        foreach (var sentiment in strategy.Sentiments)
            bound.Add(BindOne(sentiment, reader, diagnostics));
        return program with { Strategy = strategy with { Sentiments = bound.ToImmutable() }, Diagnostics = diagnostics.ToImmutable() };
    }

    private static BoundSentiment BindOne(BoundSentiment sentiment, ISentimentModelReader reader, DiagnosticBag diagnostics)
    {
        // An empty or non-.zip path is already SL2066.
        if (sentiment.Path.Trim().Length == 0 || !sentiment.Path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return sentiment;
        var source = sentiment.Symbol.Location.Source;
        var at = new SourceLocation(source, sentiment.PathSpan);
        var folder = source.FullPath is { } full ? Path.GetDirectoryName(full) ?? "." : Directory.GetCurrentDirectory();
        var fullPath = Path.GetFullPath(Path.Combine(folder, sentiment.Path));
        var (failure, message) = reader.Check(fullPath);
        var name = sentiment.Symbol.Name;
        switch (failure)
        {
            case ModelReadFailure.None:
                return sentiment with { FullPath = fullPath };
            case ModelReadFailure.Missing:
                diagnostics.Report(DiagnosticDescriptors.SentimentNotFound, at, name, sentiment.Path);
                break;
            case ModelReadFailure.Corrupt:
                diagnostics.Report(DiagnosticDescriptors.SentimentUnreadable, at, name, sentiment.Path, message);
                break;
            default:
                diagnostics.Report(DiagnosticDescriptors.SentimentNotText, at, name, sentiment.Path, message);
                break;
        }
        return sentiment;
    }
}
