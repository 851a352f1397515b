using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler;

/// <summary>The front end in one call: bytes or text -> parse -> bind (with imports).</summary>
public static class FrontEnd
{
    /// <param name="scripts">Resolves imported C# (.csx) files (the scripting host); null reports such imports as unavailable.</param>
    /// <param name="models">Reads the model files the strategy declares (Models/ModelBinder); null leaves them unread.</param>
    /// <param name="sentiments">Checks the sentiment model files (Models/SentimentBinder); null leaves them unread.</param>
    public static CheckedProgram Check(SourceText source, IImportResolver? resolver = null, IScriptImportResolver? scripts = null, Models.IModelReader? models = null,
        Models.ISentimentModelReader? sentiments = null)
    {
        var program = Binder.Bind(Parser.Parse(source), resolver, scripts);
        if (models is not null)
            program = Models.ModelBinder.Bind(program, models);
        return sentiments is null ? program : Models.SentimentBinder.Bind(program, sentiments);
    }

    /// <summary>Checks raw file contents; undecodable input (binary, bad UTF-8, too large) is a diagnostic.</summary>
    public static CheckedProgram Check(ReadOnlySpan<byte> bytes, string path, IImportResolver? resolver = null, long? fileLength = null,
        IScriptImportResolver? scripts = null, Models.IModelReader? models = null, Models.ISentimentModelReader? sentiments = null)
    {
        var diagnostics = new DiagnosticBag();
        var source = SourceDecoder.Decode(bytes, path, diagnostics, Path.GetFullPath(path), fileLength);
        return source is null ? new CheckedProgram([], null, diagnostics.ToImmutable()) : Check(source, resolver, scripts, models, sentiments);
    }
}
