using System.Collections.Immutable;
using ScalpLang.Compiler.Syntax;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Compiler.Semantics;

/// <summary>A named thing a strategy can refer to in an expression.</summary>
public abstract record Symbol(string Name, SourceLocation Location)
{
    /// <summary>How the symbol is described in messages ("param 'size'").</summary>
    public abstract string Kind { get; }
}

/// <summary>A run-time overridable parameter with its default and optional range (all constants).</summary>
public sealed record ParamSymbol(string Name, SourceLocation Location, ScalpType Type) : Symbol(Name, Location)
{
    public override string Kind => "param";
}

public sealed record SignalSymbol(string Name, SourceLocation Location, SignalSyntax Syntax) : Symbol(Name, Location)
{
    public override string Kind => "signal";
}

/// <summary>An ML signal block: a probability from a model over declared features.</summary>
public sealed record ModelSymbol(string Name, SourceLocation Location) : Symbol(Name, Location)
{
    public override string Kind => "model";
}

/// <summary>A news-sentiment signal: the probability that the latest headline is positive.</summary>
public sealed record SentimentSymbol(string Name, SourceLocation Location) : Symbol(Name, Location)
{
    public override string Kind => "sentiment";
}

public sealed record ExecutionSymbol(string Name, SourceLocation Location, ExecutionSyntax Syntax) : Symbol(Name, Location)
{
    public override string Kind => "execution";
}

/// <summary>A parameter of a standard-library function; its default may use earlier parameters.</summary>
public sealed record IntrinsicParameter(string Name, ScalpType Type, BoundExpression? Default);

/// <summary>
/// A value or function implemented by the runtime and declared in stdlib/prelude.scalp.
/// <see cref="Parameters"/> is default for a plain value such as <c>spread</c>.
/// </summary>
public sealed record IntrinsicSymbol(string Name, SourceLocation Location, ImmutableArray<IntrinsicParameter> Parameters, bool IsFunction, ScalpType ReturnType)
    : Symbol(Name, Location)
{
    public override string Kind => IsFunction ? "a standard-library function" : "a standard-library value";
}
