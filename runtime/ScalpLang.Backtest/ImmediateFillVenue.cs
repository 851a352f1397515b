using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// A fill of one of our orders (OrderId: the id it was sent with, 0 when none was given; Fee in the
/// instrument's currency, negative for a rebate; Done: the order has nothing left to fill).
/// </summary>
public readonly record struct OwnFill(long Ts, Side Side, long PriceTicks, long Lots, long OrderId = 0, decimal Fee = 0, bool Done = true);

/// <summary>
/// The simple venue of this release: a market order, or a marketable limit, fills in full at the
/// opposite touch; a resting limit fills in full at its price once the opposite touch reaches it.
/// No queue position, no latency, no partial fills, no fees, and our orders do not consume the
/// book's liquidity: a first approximation that over-states fills (the realistic venue is issue 4).
/// </summary>
public sealed class ImmediateFillVenue(IBookView book) : IOrderVenue
{
    private readonly List<(Side Side, long PriceTicks, long Lots, long OrderId)> _resting = [];

    /// <summary>Sends an order; returns false when it cannot fill or rest (no opposite touch for a market order).</summary>
    public bool Submit(long now, Side side, long lots, long? limitTicks, List<OwnFill> fills, long orderId = 0)
    {
        var touchSide = side == Side.Buy ? Side.Sell : Side.Buy;
        var hasTouch = book.TryGetBest(touchSide, out var touch);
        if (limitTicks is not { } limit)
        {
            if (!hasTouch)
                return false;
            fills.Add(new OwnFill(now, side, touch.Price.Ticks, lots, orderId));
            return true;
        }
        if (hasTouch && Marketable(side, limit, touch.Price.Ticks))
            fills.Add(new OwnFill(now, side, touch.Price.Ticks, lots, orderId));
        else
            _resting.Add((side, limit, lots, orderId));
        return true;
    }

    /// <summary>After a book change: resting orders the opposite touch now reaches fill at their price.</summary>
    public void Poll(long now, List<OwnFill> fills) => Match(now, fills);

    public void CancelAll(long now) => CancelAll();

    public int TakeRejections(List<string> into) => 0;

    /// <summary>Market orders fill (or are refused) as they are sent: none is ever on its way.</summary>
    public long MarketLotsInFlight => 0;

    /// <summary>Whether any order rests (the engine asks before calling <see cref="Match"/>, which does not inline).</summary>
    public bool HasResting => _resting.Count > 0;

    public void Match(long ts, List<OwnFill> fills)
    {
        if (_resting.Count == 0)
            return;
        for (var i = _resting.Count - 1; i >= 0; i--)
        {
            var (side, limit, lots, orderId) = _resting[i];
            var touchSide = side == Side.Buy ? Side.Sell : Side.Buy;
            if (book.TryGetBest(touchSide, out var touch) && Marketable(side, limit, touch.Price.Ticks))
            {
                fills.Add(new OwnFill(ts, side, limit, lots, orderId));
                _resting.RemoveAt(i);
            }
        }
    }

    public void CancelAll() => _resting.Clear();

    /// <summary>The data ended: the resting orders are cancelled; returns how many there were and their lots.</summary>
    public (int Orders, long Lots) Close()
    {
        var lots = 0L;
        foreach (var order in _resting)
            lots += order.Lots;
        var count = _resting.Count;
        _resting.Clear();
        return (count, lots);
    }

    private static bool Marketable(Side side, long limit, long touch) => side == Side.Buy ? limit >= touch : limit <= touch;
}
