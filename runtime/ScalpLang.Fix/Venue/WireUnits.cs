using System.Globalization;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// Prices and quantities between the engine (integer ticks and lots) and the wire (decimal
/// currency and shares or contracts), exactly: a price off the instrument's tick grid or a
/// quantity that is not a whole number of lots is refused with a sentence naming the value,
/// never rounded. Decimal only; no floating point touches a price.
/// </summary>
public sealed class WireUnits(Instrument instrument)
{
    public Instrument Instrument { get; } = instrument ?? throw new ArgumentNullException(nameof(instrument));

    public string Symbol => Instrument.Symbol;

    public decimal Price(long ticks) => ticks * Instrument.TickSize;

    public decimal Quantity(long lots) => lots * Instrument.LotSize;

    public bool TryTicks(decimal price, out long ticks, out string? error)
    {
        var ok = Instrument.TryToPrice(price, out var p);
        ticks = p.Ticks;
        error = ok ? null : string.Create(CultureInfo.InvariantCulture,
            $"price {price} is not on the tick grid of {Symbol} (tick size {Instrument.TickSize})");
        return ok;
    }

    public bool TryLots(decimal quantity, out long lots, out string? error)
    {
        var ok = Instrument.TryToQuantity(quantity, out var q);
        lots = q.Lots;
        error = ok ? null : string.Create(CultureInfo.InvariantCulture,
            $"quantity {quantity} is not a whole number of lots of {Symbol} (lot size {Instrument.LotSize})");
        return ok;
    }
}
