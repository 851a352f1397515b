namespace ScalpLang.Compiler.Semantics;

/// <summary>
/// What a numeric value measures. Prices are absolute book prices; ticks are price distances;
/// ratio and count are dimensionless. The unit rules (UnitRules) say which combinations are legal.
/// </summary>
public enum Unit
{
    Ratio,
    Count,
    Price,
    Ticks,
    Lots,
    Duration,
}

public enum TypeKind
{
    /// <summary>Something already reported as wrong; every rule accepts it silently.</summary>
    Error,
    Bool,
    Number,
    /// <summary>A bare numeric literal (or a constant made only of them) that takes the unit its use gives it.</summary>
    Untyped,
    /// <summary>The unit variable T of a generic standard-library function (ema, sma, min...).</summary>
    Generic,
}

/// <summary>
/// The type of a ScalpLang value. Every numeric type is stored as Q47.16 fixed point, except
/// duration, which is a whole number of nanoseconds (grammar/README.md, "Numeric semantics").
/// </summary>
public sealed record ScalpType(TypeKind Kind, Unit Unit)
{
    public static readonly ScalpType Error = new(TypeKind.Error, Unit.Ratio);
    public static readonly ScalpType Bool = new(TypeKind.Bool, Unit.Ratio);
    public static readonly ScalpType Untyped = new(TypeKind.Untyped, Unit.Ratio);
    public static readonly ScalpType Generic = new(TypeKind.Generic, Unit.Ratio);
    public static readonly ScalpType Ratio = new(TypeKind.Number, Unit.Ratio);
    public static readonly ScalpType Count = new(TypeKind.Number, Unit.Count);
    public static readonly ScalpType Price = new(TypeKind.Number, Unit.Price);
    public static readonly ScalpType Ticks = new(TypeKind.Number, Unit.Ticks);
    public static readonly ScalpType Lots = new(TypeKind.Number, Unit.Lots);
    public static readonly ScalpType Duration = new(TypeKind.Number, Unit.Duration);

    public bool IsError => Kind == TypeKind.Error;
    public bool IsNumeric => Kind is TypeKind.Number or TypeKind.Untyped;
    public bool IsDimensionless => Kind == TypeKind.Number && Unit is Unit.Ratio or Unit.Count;

    /// <summary>The names users write in declarations (<c>param x: ticks</c>).</summary>
    public static readonly IReadOnlyDictionary<string, ScalpType> ByName = new Dictionary<string, ScalpType>(StringComparer.Ordinal)
    {
        ["ratio"] = Ratio,
        ["count"] = Count,
        ["price"] = Price,
        ["ticks"] = Ticks,
        ["tick"] = Ticks,
        ["lots"] = Lots,
        ["lot"] = Lots,
        ["duration"] = Duration,
        ["bool"] = Bool,
    };

    public override string ToString() => Kind switch
    {
        TypeKind.Error => "?",
        TypeKind.Bool => "bool",
        TypeKind.Untyped => "a bare number",
        TypeKind.Generic => "any number",
        _ => Unit switch
        {
            Unit.Ratio => "ratio",
            Unit.Count => "count",
            Unit.Price => "price",
            Unit.Ticks => "ticks",
            Unit.Lots => "lots",
            _ => "duration",
        },
    };
}
