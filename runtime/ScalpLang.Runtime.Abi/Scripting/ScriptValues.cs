using System.Runtime.CompilerServices;

namespace ScalpLang.Runtime.Abi.Scripting;

// The unit types a C# function imported from a .csx file declares its parameters and result in
// (grammar/README.md, "C# imports"). Each wraps the raw value a compiled strategy holds: Q47.16
// for numbers, whole nanoseconds for a duration; the IL passes that long through unchanged, so a
// call costs no conversion and no allocation. The operators are the language's own (Q.Mul, Q.Div,
// wrapping + and -), so a function computes what the same formula in .scalp would.

/// <summary>a dimensionless fraction or factor (Q47.16).</summary>
public readonly record struct Ratio(long Raw) : IComparable<Ratio>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ratio FromRaw(long raw) => new(raw);

    /// <summary>A whole number of the unit.</summary>
    public static Ratio Of(long whole) => new(Q.FromInteger(whole));

    /// <summary>A decimal quantised as the compiler quantises a literal: to the nearest 2^-16, ties away from zero.</summary>
    public static Ratio Of(decimal value) => new(ScriptValue.Quantise(value));

    public decimal ToDecimal() => (decimal)Raw / Q.One;

    public static Ratio operator +(Ratio a, Ratio b) => new(unchecked(a.Raw + b.Raw));

    public static Ratio operator -(Ratio a, Ratio b) => new(unchecked(a.Raw - b.Raw));

    public static Ratio operator -(Ratio a) => new(unchecked(-a.Raw));

    public static Ratio operator *(Ratio a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    public static Ratio operator /(Ratio a, Ratio b) => new(Q.Div(a.Raw, b.Raw));

    public static bool operator <(Ratio a, Ratio b) => a.Raw < b.Raw;

    public static bool operator >(Ratio a, Ratio b) => a.Raw > b.Raw;

    public static bool operator <=(Ratio a, Ratio b) => a.Raw <= b.Raw;

    public static bool operator >=(Ratio a, Ratio b) => a.Raw >= b.Raw;

    public int CompareTo(Ratio other) => Raw.CompareTo(other.Raw);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>a dimensionless whole quantity (Q47.16).</summary>
public readonly record struct Count(long Raw) : IComparable<Count>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Count FromRaw(long raw) => new(raw);

    /// <summary>A whole number of the unit.</summary>
    public static Count Of(long whole) => new(Q.FromInteger(whole));

    /// <summary>A decimal quantised as the compiler quantises a literal: to the nearest 2^-16, ties away from zero.</summary>
    public static Count Of(decimal value) => new(ScriptValue.Quantise(value));

    public decimal ToDecimal() => (decimal)Raw / Q.One;

    public static Count operator +(Count a, Count b) => new(unchecked(a.Raw + b.Raw));

    public static Count operator -(Count a, Count b) => new(unchecked(a.Raw - b.Raw));

    public static Count operator -(Count a) => new(unchecked(-a.Raw));

    public static Count operator *(Count a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    public static Count operator /(Count a, Ratio b) => new(Q.Div(a.Raw, b.Raw));

    public static Ratio operator /(Count a, Count b) => new(Q.Div(a.Raw, b.Raw));

    public static bool operator <(Count a, Count b) => a.Raw < b.Raw;

    public static bool operator >(Count a, Count b) => a.Raw > b.Raw;

    public static bool operator <=(Count a, Count b) => a.Raw <= b.Raw;

    public static bool operator >=(Count a, Count b) => a.Raw >= b.Raw;

    public int CompareTo(Count other) => Raw.CompareTo(other.Raw);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>an absolute book price in ticks of the instrument (Q47.16).</summary>
public readonly record struct Price(long Raw) : IComparable<Price>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Price FromRaw(long raw) => new(raw);

    /// <summary>A whole number of the unit.</summary>
    public static Price Of(long whole) => new(Q.FromInteger(whole));

    /// <summary>A decimal quantised as the compiler quantises a literal: to the nearest 2^-16, ties away from zero.</summary>
    public static Price Of(decimal value) => new(ScriptValue.Quantise(value));

    public decimal ToDecimal() => (decimal)Raw / Q.One;

    public static Price operator +(Price a, Ticks b) => new(unchecked(a.Raw + b.Raw));

    public static Price operator -(Price a, Ticks b) => new(unchecked(a.Raw - b.Raw));

    public static Ticks operator -(Price a, Price b) => new(unchecked(a.Raw - b.Raw));

    public static Price operator *(Price a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    public static Price operator /(Price a, Ratio b) => new(Q.Div(a.Raw, b.Raw));

    public static Ratio operator /(Price a, Price b) => new(Q.Div(a.Raw, b.Raw));

    public static bool operator <(Price a, Price b) => a.Raw < b.Raw;

    public static bool operator >(Price a, Price b) => a.Raw > b.Raw;

    public static bool operator <=(Price a, Price b) => a.Raw <= b.Raw;

    public static bool operator >=(Price a, Price b) => a.Raw >= b.Raw;

    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>a price distance in ticks (Q47.16).</summary>
public readonly record struct Ticks(long Raw) : IComparable<Ticks>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Ticks FromRaw(long raw) => new(raw);

    /// <summary>A whole number of the unit.</summary>
    public static Ticks Of(long whole) => new(Q.FromInteger(whole));

    /// <summary>A decimal quantised as the compiler quantises a literal: to the nearest 2^-16, ties away from zero.</summary>
    public static Ticks Of(decimal value) => new(ScriptValue.Quantise(value));

    public decimal ToDecimal() => (decimal)Raw / Q.One;

    public static Ticks operator +(Ticks a, Ticks b) => new(unchecked(a.Raw + b.Raw));

    public static Ticks operator -(Ticks a, Ticks b) => new(unchecked(a.Raw - b.Raw));

    public static Ticks operator -(Ticks a) => new(unchecked(-a.Raw));

    public static Ticks operator *(Ticks a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    public static Ticks operator /(Ticks a, Ratio b) => new(Q.Div(a.Raw, b.Raw));

    public static Ratio operator /(Ticks a, Ticks b) => new(Q.Div(a.Raw, b.Raw));

    public static bool operator <(Ticks a, Ticks b) => a.Raw < b.Raw;

    public static bool operator >(Ticks a, Ticks b) => a.Raw > b.Raw;

    public static bool operator <=(Ticks a, Ticks b) => a.Raw <= b.Raw;

    public static bool operator >=(Ticks a, Ticks b) => a.Raw >= b.Raw;

    public int CompareTo(Ticks other) => Raw.CompareTo(other.Raw);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>a quantity in lots (Q47.16).</summary>
public readonly record struct Lots(long Raw) : IComparable<Lots>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lots FromRaw(long raw) => new(raw);

    /// <summary>A whole number of the unit.</summary>
    public static Lots Of(long whole) => new(Q.FromInteger(whole));

    /// <summary>A decimal quantised as the compiler quantises a literal: to the nearest 2^-16, ties away from zero.</summary>
    public static Lots Of(decimal value) => new(ScriptValue.Quantise(value));

    public decimal ToDecimal() => (decimal)Raw / Q.One;

    public static Lots operator +(Lots a, Lots b) => new(unchecked(a.Raw + b.Raw));

    public static Lots operator -(Lots a, Lots b) => new(unchecked(a.Raw - b.Raw));

    public static Lots operator -(Lots a) => new(unchecked(-a.Raw));

    public static Lots operator *(Lots a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    public static Lots operator /(Lots a, Ratio b) => new(Q.Div(a.Raw, b.Raw));

    public static Ratio operator /(Lots a, Lots b) => new(Q.Div(a.Raw, b.Raw));

    public static bool operator <(Lots a, Lots b) => a.Raw < b.Raw;

    public static bool operator >(Lots a, Lots b) => a.Raw > b.Raw;

    public static bool operator <=(Lots a, Lots b) => a.Raw <= b.Raw;

    public static bool operator >=(Lots a, Lots b) => a.Raw >= b.Raw;

    public int CompareTo(Lots other) => Raw.CompareTo(other.Raw);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>a time span in whole nanoseconds (not Q47.16).</summary>
public readonly record struct Duration(long Raw) : IComparable<Duration>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Duration FromRaw(long raw) => new(raw);

    public static Duration FromNanoseconds(long ns) => new(ns);

    public static Duration FromMilliseconds(long ms) => new(ms * 1_000_000);

    /// <summary>duration * ratio: floor(ns * q / 2^16), the language's rule.</summary>
    public static Duration operator *(Duration a, Ratio b) => new(Q.Mul(a.Raw, b.Raw));

    /// <summary>duration / duration: the Q47.16 ratio of the two.</summary>
    public static Ratio operator /(Duration a, Duration b) => new(Q.Div(a.Raw, b.Raw));

    public static Duration operator +(Duration a, Duration b) => new(unchecked(a.Raw + b.Raw));

    public static Duration operator -(Duration a, Duration b) => new(unchecked(a.Raw - b.Raw));

    public static Duration operator -(Duration a) => new(unchecked(-a.Raw));

    public static bool operator <(Duration a, Duration b) => a.Raw < b.Raw;

    public static bool operator >(Duration a, Duration b) => a.Raw > b.Raw;

    public static bool operator <=(Duration a, Duration b) => a.Raw <= b.Raw;

    public static bool operator >=(Duration a, Duration b) => a.Raw >= b.Raw;

    public int CompareTo(Duration other) => Raw.CompareTo(other.Raw);

    public override string ToString() => $"{Raw}ns";
}

/// <summary>Shared helpers of the unit types.</summary>
public static class ScriptValue
{
    /// <summary>value * 2^16 rounded to the nearest integer, ties away from zero (grammar/README.md §6).</summary>
    public static long Quantise(decimal value) => (long)Math.Round(value * Q.One, MidpointRounding.AwayFromZero);
}
