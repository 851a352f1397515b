using ScalpLang.Runtime.Abi;

namespace ScalpLang.Scripting;

/// <summary>
/// A compiled strategy, ready to backtest any number of times (each run loads a fresh instance
/// of the compiled code, so parameter overrides never leak from one run to the next).
/// </summary>
public sealed class ScalpStrategy
{
    internal ScalpStrategy(string path, byte[] image, string typeName, StrategyMetadata metadata, IReadOnlyList<string> warnings)
    {
        Path = path;
        Image = image;
        TypeName = typeName;
        Metadata = metadata;
        Warnings = warnings;
    }

    /// <summary>The .scalp file it was compiled from.</summary>
    public string Path { get; }

    /// <summary>The strategy's declared name.</summary>
    public string Name => Metadata.Name;

    /// <summary>Its parameters: name, type, unit, raw default and range.</summary>
    public IReadOnlyList<ParameterInfo> Parameters => Metadata.Parameters;

    /// <summary>The compiler's warnings, as `scalp check` prints them.</summary>
    public IReadOnlyList<string> Warnings { get; }

    internal byte[] Image { get; }

    internal string TypeName { get; }

    internal StrategyMetadata Metadata { get; }
}
