using ScalpLang.Compiler.Models;
using ScalpLang.Ml;

namespace ScalpLang.Cli;

/// <summary>The model reader every command compiles with: ML.NET zips, read once per file and process.</summary>
internal static class ModelFiles
{
    public static IModelReader Reader { get; } = new MlModelReader();
}
