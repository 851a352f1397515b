using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Book;

/// <summary>
/// One aggregated price level (the L2 view): the total displayed size at a price. The same shape
/// as a row of a depth snapshot, so a rebuilt book and a vendor's snapshot compare directly.
/// </summary>
public readonly record struct BookLevel(Price Price, Quantity Size)
{
    public override string ToString() => $"{Size.Lots}@{Price.Ticks}";
}

/// <summary>A visible resting order as the book knows it.</summary>
public readonly record struct RestingOrder(long OrderId, Side Side, Price Price, Quantity Size);
