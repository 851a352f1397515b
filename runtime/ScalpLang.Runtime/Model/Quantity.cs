namespace ScalpLang.Runtime.Model;

/// <summary>
/// A size as a whole number of the instrument's lots (shares when the lot size is 1). Integer
/// for the same reason as <see cref="Price"/>: sizes are summed per level and compared, and
/// must stay exact.
/// </summary>
public readonly record struct Quantity(long Lots) : IComparable<Quantity>
{
    public static Quantity Zero => default;

    public bool IsZero => Lots == 0;

    public int CompareTo(Quantity other) => Lots.CompareTo(other.Lots);

    public static bool operator <(Quantity left, Quantity right) => left.Lots < right.Lots;
    public static bool operator >(Quantity left, Quantity right) => left.Lots > right.Lots;
    public static bool operator <=(Quantity left, Quantity right) => left.Lots <= right.Lots;
    public static bool operator >=(Quantity left, Quantity right) => left.Lots >= right.Lots;

    public override string ToString() => $"{Lots} lots";
}
