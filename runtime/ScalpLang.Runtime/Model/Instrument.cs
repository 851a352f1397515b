namespace ScalpLang.Runtime.Model;

/// <summary>
/// What a price and a size mean: the tick size turns <see cref="Price"/> ticks into currency,
/// the lot size turns <see cref="Quantity"/> lots into shares or contracts. Both are exact
/// decimals (grammar/README.md §6: tick and lot sizes are not quantised).
/// </summary>
public sealed record Instrument
{
    public Instrument(string symbol, decimal tickSize, decimal lotSize, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (tickSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "the tick size must be positive");
        if (lotSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(lotSize), lotSize, "the lot size must be positive");
        Symbol = symbol;
        TickSize = tickSize;
        LotSize = lotSize;
        Currency = currency;
    }

    public string Symbol { get; }

    /// <summary>Smallest price increment, in <see cref="Currency"/> (0.01 for US equities over $1).</summary>
    public decimal TickSize { get; }

    /// <summary>Shares (or contracts) per lot; 1 for equities traded in shares.</summary>
    public decimal LotSize { get; }

    public string Currency { get; }

    /// <summary>A US equity quoted in cents and traded in shares, like the LOBSTER samples.</summary>
    public static Instrument UsEquity(string symbol) => new(symbol, 0.01m, 1m, "USD");

    /// <summary>
    /// The exchange price as ticks. A price between two ticks is refused rather than rounded:
    /// it means the tick size or the data is wrong, and rounding would hide it.
    /// </summary>
    public Price ToPrice(decimal price) =>
        TryToPrice(price, out var result)
            ? result
            : throw new ArgumentException(
                $"price {price} is not on the tick grid of {Symbol} (tick size {TickSize})", nameof(price));

    public bool TryToPrice(decimal price, out Price result)
    {
        bool ok = TryToSteps(price, TickSize, out long ticks);
        result = new Price(ticks);
        return ok;
    }

    public decimal ToDecimal(Price price) => price.Ticks * TickSize;

    /// <summary>Shares or contracts as lots; a size that is not a whole number of lots is refused.</summary>
    public Quantity ToQuantity(decimal size) =>
        TryToQuantity(size, out var result)
            ? result
            : throw new ArgumentException(
                $"size {size} is not a whole number of lots of {Symbol} (lot size {LotSize})", nameof(size));

    public bool TryToQuantity(decimal size, out Quantity result)
    {
        bool ok = TryToSteps(size, LotSize, out long lots);
        result = new Quantity(lots);
        return ok;
    }

    public decimal ToDecimal(Quantity quantity) => quantity.Lots * LotSize;

    private static bool TryToSteps(decimal value, decimal step, out long steps)
    {
        steps = 0;
        decimal exact = value / step;
        // decimal division rounds at 28 digits, so check the product back rather than trusting it.
        if (decimal.Truncate(exact) != exact || exact > long.MaxValue || exact < long.MinValue || exact * step != value)
            return false;
        steps = (long)exact;
        return true;
    }
}
