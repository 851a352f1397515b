using System.Text;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Tests.Infrastructure;

/// <summary>Runs the front end the way `scalp check` does and renders what it reports.</summary>
public static class Checker
{
    public static CheckedProgram CheckText(string text, string path = "test.scalp") =>
        FrontEnd.Check(SourceText.From(text, path, Path.Combine(Path.GetTempPath(), path)));

    /// <summary>C# imports compile through the scripting host, into a cache of the tests' own.</summary>
    public static readonly IScriptImportResolver Scripts =
        new Scripting.Imports.CsxImportCompiler(Path.Combine(Path.GetTempPath(), "scalp-compiler-tests-cache"));

    public static CheckedProgram CheckFile(string fullPath, string displayRoot, bool scriptingHost = true, Models.IModelReader? models = null,
        Models.ISentimentModelReader? sentiments = null)
    {
        var bytes = File.ReadAllBytes(fullPath);
        var display = Path.GetRelativePath(displayRoot, fullPath);
        var diagnostics = new DiagnosticBag();
        var source = SourceDecoder.Decode(bytes, display, diagnostics, fullPath);
        return source is null
            ? new CheckedProgram([], null, diagnostics.ToImmutable())
            : FrontEnd.Check(source, new FileImportResolver(displayRoot), scriptingHost ? Scripts : null, models, sentiments);
    }

    public static string Render(CheckedProgram program)
    {
        var sb = new StringBuilder();
        foreach (var diagnostic in program.Diagnostics)
            DiagnosticFormatter.Append(sb, diagnostic);
        return sb.ToString();
    }
}
