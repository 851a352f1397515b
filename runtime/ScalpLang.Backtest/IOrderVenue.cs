using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// Where the engine's orders go (DESIGN.md §5: the simple venue, the simulated exchange, later
/// FIX): orders out, fills back. A venue may fill at once (into <c>fills</c>) or later (on
/// <see cref="Poll"/>, which the engine calls on every event).
/// </summary>
public interface IOrderVenue
{
    /// <returns>False when the order cannot be sent at all (the simple venue: no opposite touch for a market order).</returns>
    bool Submit(long now, Side side, long lots, long? limitTicks, List<OwnFill> fills, long orderId);

    /// <summary>Fills (and refusals) due by <paramref name="now"/>.</summary>
    void Poll(long now, List<OwnFill> fills);

    void CancelAll(long now);

    /// <summary>Refusals reported since the last call (the engine counts and lists them).</summary>
    int TakeRejections(List<string> into);

    /// <summary>
    /// Lots of our market orders sent and not yet ended (filled, cancelled or refused), signed
    /// (+ buys, - sells). A flatten closes the position these will leave, not the booked one, so
    /// that a second flatten while the first travels does not trade the position twice.
    /// </summary>
    long MarketLotsInFlight { get; }
}
