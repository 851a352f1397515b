using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Trading;

/// <summary>A closed round trip: from flat back to flat (or through zero); P&amp;L in ticks x lots.</summary>
public readonly record struct RoundTrip(long OpenedAt, long ClosedAt, long PnlTickLots);

/// <summary>
/// Position, average entry, realized P&amp;L and the risk state strategies read (losses in a row,
/// time in position, equity). P&amp;L is kept in ticks x lots, exactly, as integers; equity for
/// drawdown is capital (converted once to tick-lots) plus realized plus open P&amp;L marked at mid.
/// </summary>
public sealed class Portfolio(long capitalTickLots)
{
    private readonly List<RoundTrip> _roundTrips = [];

    public long Position { get; private set; }
    /// <summary>Average entry price, Q47.16 ticks (0 when flat).</summary>
    public long EntryPriceQ16 { get; private set; }
    public long RealizedQ16 { get; private set; }
    public long OpenedAt { get; private set; }
    public long LossesInARow { get; private set; }
    public IReadOnlyList<RoundTrip> RoundTrips => _roundTrips;
    public long CapitalTickLots => capitalTickLots;

    private long _roundTripStartRealized;

    public void OnFill(long ts, Side side, long priceTicks, long lots)
    {
        var signed = side == Side.Buy ? lots : -lots;
        var price = Q.FromInteger(priceTicks);
        if (Position == 0)
        {
            OpenedAt = ts;
            _roundTripStartRealized = RealizedQ16;
        }
        if (Position == 0 || Math.Sign(Position) == Math.Sign(signed))
        {
            // Adding to the position: the entry becomes the size-weighted average, truncated to 2^-16 tick.
            var total = Position + signed;
            EntryPriceQ16 = (EntryPriceQ16 * Math.Abs(Position) + price * Math.Abs(signed)) / Math.Abs(total);
            Position = total;
            return;
        }
        var closing = Math.Min(Math.Abs(signed), Math.Abs(Position));
        var perLot = Math.Sign(Position) > 0 ? price - EntryPriceQ16 : EntryPriceQ16 - price;
        RealizedQ16 += perLot * closing;
        var remaining = Position + signed;
        if (remaining == 0 || Math.Sign(remaining) != Math.Sign(Position))
        {
            CloseRoundTrip(ts);
            Position = remaining;
            EntryPriceQ16 = remaining == 0 ? 0 : price;
            if (remaining != 0)
            {
                OpenedAt = ts;
                _roundTripStartRealized = RealizedQ16;
            }
            return;
        }
        Position = remaining;
    }

    private void CloseRoundTrip(long ts)
    {
        var pnl = RealizedQ16 - _roundTripStartRealized;
        _roundTrips.Add(new RoundTrip(OpenedAt, ts, pnl));
        LossesInARow = pnl < 0 ? LossesInARow + 1 : 0;
    }

    /// <summary>Open P&amp;L per lot at <paramref name="midQ16"/>, times the position size: ticks x lots, Q47.16.</summary>
    public long OpenPnlQ16(long midQ16) =>
        Position == 0 ? 0 : (Position > 0 ? midQ16 - EntryPriceQ16 : EntryPriceQ16 - midQ16) * Math.Abs(Position);

    public long EquityQ16(long midQ16) => Q.FromInteger(capitalTickLots) + RealizedQ16 + OpenPnlQ16(midQ16);

    public long TimeInPosition(long ts) => Position == 0 ? 0 : ts - OpenedAt;
}
