namespace ScalpLang.Runtime.Model;

/// <summary>
/// A price as a whole number of the instrument's ticks. Integer so that every comparison and
/// every sum is exact and the IL and Verilog backends agree (DESIGN.md §3); the decimal
/// exchange price exists only at the edges, through <see cref="Instrument"/>.
/// </summary>
public readonly record struct Price(long Ticks) : IComparable<Price>
{
    public int CompareTo(Price other) => Ticks.CompareTo(other.Ticks);

    public static bool operator <(Price left, Price right) => left.Ticks < right.Ticks;
    public static bool operator >(Price left, Price right) => left.Ticks > right.Ticks;
    public static bool operator <=(Price left, Price right) => left.Ticks <= right.Ticks;
    public static bool operator >=(Price left, Price right) => left.Ticks >= right.Ticks;

    public override string ToString() => $"{Ticks} ticks";
}
