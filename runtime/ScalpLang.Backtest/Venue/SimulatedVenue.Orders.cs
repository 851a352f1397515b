using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

// Requests as the matching engine meets them: checks, the walk of an aggressive order through
// the book, resting, and cancels.
public sealed partial class SimulatedVenue
{
    private TradingStatus _status = TradingStatus.Trading;
    private long _lastTradeTicks;

    private void ProcessNew(long id, in NewOrder order)
    {
        if (Check(id, in order))
        {
            OrdersRejected++;
            return;
        }
        OrdersAccepted++;
        Emit(new VenueReport(VenueReportKind.Accepted, id, order.Side, 0, 0, order.PriceTicks, order.Lots, order.Lots));
        long filled = Take(id, in order);
        long leaves = order.Lots - filled;
        if (leaves == 0)
            return;
        if (order.Type == OrderType.Market || order.TimeInForce == TimeInForce.Ioc)
        {
            var reason = order.Type == OrderType.Market ? CancelReason.NoLiquidity : CancelReason.ImmediateOrCancel;
            Emit(new VenueReport(VenueReportKind.Cancelled, id, order.Side, 0, 0, order.PriceTicks, leaves, CancelReason: reason));
            return;
        }
        long ahead = Book.SizeAt(order.Side, new Price(order.PriceTicks)).Lots - _debits.Get(order.Side, order.PriceTicks);
        _own.Add(id, order.Side, order.PriceTicks, order.Lots, filled, Math.Max(0, ahead), _seq++);
    }

    /// <summary>Emits the reject and returns true when the order may not trade.</summary>
    private bool Check(long id, in NewOrder order)
    {
        RejectCode code = RejectCode.None;
        long c1 = 0, c2 = 0, c3 = 0;
        if (order.Lots <= 0 || order.Side is not (Side.Buy or Side.Sell))
            (code, c1) = (RejectCode.InvalidQuantity, order.Lots);
        else if (order.Type == OrderType.Limit ? order.PriceTicks <= 0 : order.Type != OrderType.Market)
            (code, c1) = (RejectCode.InvalidPrice, order.PriceTicks);
        else if (_status != TradingStatus.Trading)
            (code, c1) = (RejectCode.TradingHalted, (long)_status);
        else if (_rateLimiter is not null && !_rateLimiter.TryRecord(Now))
            (code, c1, c2) = (RejectCode.OrderRate, _rateLimiter.CountIn(Now), _rateLimiter.Limit.WindowNs);
        else if (order.Type == OrderType.Limit && OutsideBand(order.PriceTicks, out c2, out c3))
            (code, c1) = (RejectCode.PriceBand, order.PriceTicks);
        else if (WouldTradeWithOwn(in order, out c1, out c2))
            code = RejectCode.SelfTrade;
        if (code == RejectCode.None)
            return false;
        Emit(new VenueReport(VenueReportKind.Rejected, id, order.Side, 0, 0, order.PriceTicks, order.Lots,
            Reject: code, Context1: c1, Context2: c2, Context3: c3));
        return true;
    }

    /// <summary>Self-trade prevention, cancel newest: an order that could reach one of our resting orders on the other side is refused.</summary>
    private bool WouldTradeWithOwn(in NewOrder order, out long ownPrice, out long ownId)
    {
        if (!_own.TryGetBest(order.Side.Opposite(), out ownPrice, out ownId))
            return false;
        return order.Type == OrderType.Market
            || (order.Side == Side.Buy ? order.PriceTicks >= ownPrice : order.PriceTicks <= ownPrice);
    }

    /// <summary>
    /// The reference price, doubled so a mid between ticks stays an integer: bid + ask, else
    /// twice the last trade; false when there is neither (then no band applies).
    /// </summary>
    private bool TryReferenceX2(out long referenceX2)
    {
        if (Book.TryGetBest(Side.Buy, out var bid) && Book.TryGetBest(Side.Sell, out var ask))
        {
            referenceX2 = bid.Price.Ticks + ask.Price.Ticks;
            return true;
        }
        referenceX2 = 2 * _lastTradeTicks;
        return _lastTradeTicks > 0;
    }

    /// <summary>The band's half-width, doubled (the tighter of its two bounds); false when no band applies.</summary>
    private bool TryBandX2(out long referenceX2, out long bandX2)
    {
        bandX2 = long.MaxValue;
        if (_config.PriceBand is not { } band || !TryReferenceX2(out referenceX2))
        {
            referenceX2 = 0;
            return false;
        }
        if (band.MaxTicks is { } ticks)
            bandX2 = 2 * ticks;
        if (band.MaxFraction is { } fraction)
            bandX2 = Math.Min(bandX2, (long)decimal.Floor(fraction * referenceX2)); // diff is an integer: diff > f x ref iff diff > floor(f x ref)
        return true;
    }

    private bool OutsideBand(long priceTicks, out long referenceX2, out long bandX2) =>
        TryBandX2(out referenceX2, out bandX2) && Math.Abs(2 * priceTicks - referenceX2) > bandX2;

    /// <summary>
    /// The aggressive part: walks the opposite side best first while the price is within the
    /// limit (a market order's limit is the band's edge, or none), taking what each level still
    /// offers after our earlier takes; each level taken is one taker fill at that level's price.
    /// Returns the lots filled.
    /// </summary>
    private long Take(long id, in NewOrder order)
    {
        Side opposite = order.Side.Opposite();
        bool buy = order.Side == Side.Buy;
        long limit = order.Type == OrderType.Limit ? order.PriceTicks : MarketLimit(buy);
        long remaining = order.Lots;
        for (int i = 0; remaining > 0 && Book.TryGetLevel(opposite, i, out var level); i++)
        {
            long price = level.Price.Ticks;
            if (buy ? price > limit : price < limit)
                break;
            long available = level.Size.Lots - _debits.Get(opposite, price);
            if (available <= 0)
                continue;
            long take = Math.Min(available, remaining);
            _debits.Add(opposite, price, take);
            remaining -= take;
            EmitFill(id, order.Side, price, take, remaining, Liquidity.Taker);
        }
        return order.Lots - remaining;
    }

    private long MarketLimit(bool buy)
    {
        if (!TryBandX2(out long referenceX2, out long bandX2) || bandX2 == long.MaxValue)
            return buy ? long.MaxValue : long.MinValue;
        // The farthest whole tick p with |2p - reference x2| <= band x2.
        // Arithmetic shifts floor, so (x + 1) >> 1 is the ceiling of x / 2.
        return buy ? (referenceX2 + bandX2) >> 1 : (referenceX2 - bandX2 + 1) >> 1;
    }

    private void ProcessCancel(long orderId)
    {
        if (_own.TryGet(orderId, out var state))
        {
            _own.Remove(orderId);
            Emit(new VenueReport(VenueReportKind.Cancelled, orderId, state.Side, 0, 0, state.PriceTicks, state.LeavesLots, CancelReason: CancelReason.Requested));
            return;
        }
        // Ids are handed out in sequence, so a lower one than the next is an order that was
        // rejected, filled or cancelled already: too late rather than unknown.
        var code = orderId > 0 && orderId < _nextOrderId ? RejectCode.OrderClosed : RejectCode.UnknownOrder;
        Emit(new VenueReport(VenueReportKind.CancelRejected, orderId, default, 0, 0, Reject: code));
    }

    private void ProcessCancelAll()
    {
        _idScratch.Clear();
        _own.CopyIds(_idScratch);
        foreach (long id in _idScratch)
        {
            _own.TryGet(id, out var state);
            _own.Remove(id);
            Emit(new VenueReport(VenueReportKind.Cancelled, id, state.Side, 0, 0, state.PriceTicks, state.LeavesLots, CancelReason: CancelReason.CancelAll));
        }
    }
}
