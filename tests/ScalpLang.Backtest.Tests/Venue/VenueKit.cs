using ScalpLang.Backtest.Venue;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Tests.Venue;

/// <summary>
/// Hand-built feeds for venue tests: each call is one feed event (or request) one microsecond
/// after the previous, so with zero latency a request is processed before the next feed event.
/// Prices in ticks, sizes in lots; the instrument is a US equity (tick $0.01, lot 1 share).
/// </summary>
internal sealed class VenueKit
{
    public static readonly Instrument Equity = Instrument.UsEquity("X");

    public VenueKit(VenueConfig? config = null, IVenueClient? client = null) =>
        Venue = new SimulatedVenue(config ?? new VenueConfig(Equity), client);

    public SimulatedVenue Venue { get; }

    /// <summary>The time of the last thing done (ns).</summary>
    public long Ts { get; private set; } = 1_000_000;

    public long Step { get; set; } = 1_000;

    public List<VenueReport> All { get; } = [];

    private long Next() => Ts += Step;

    public void Add(long id, Side side, long price, long size) =>
        Venue.OnOrderAdded(new BookOrderAdded(Next(), Ts, id, side, new Price(price), new Quantity(size)));

    public void CancelPart(long id, Side side, long price, long size) =>
        Venue.OnOrderCancelled(new BookOrderCancelled(Next(), Ts, id, side, new Price(price), new Quantity(size)));

    public void Delete(long id, Side side, long price, long size) =>
        Venue.OnOrderDeleted(new BookOrderDeleted(Next(), Ts, id, side, new Price(price), new Quantity(size)));

    public void Execute(long id, Side side, long price, long size) =>
        Venue.OnOrderExecuted(new BookOrderExecuted(Next(), Ts, id, side, new Price(price), new Quantity(size)));

    public void Level(Side side, long price, long size) =>
        Venue.OnLevelUpdated(new BookLevelUpdated(Next(), Ts, side, new Price(price), new Quantity(size)));

    public void Trade(long price, long size, AggressorSide aggressor, TradeKind kind = TradeKind.Regular) =>
        Venue.OnTrade(new TradeTick(Next(), Ts, new Price(price), new Quantity(size), aggressor, kind));

    public void Status(TradingStatus status) => Venue.OnTradingStatus(new TradingStatusChanged(Next(), Ts, status));

    public long Limit(Side side, long lots, long price, TimeInForce tif = TimeInForce.Gtc) =>
        Venue.Submit(Next(), NewOrder.Limit(side, lots, price, tif));

    public long Market(Side side, long lots) => Venue.Submit(Next(), NewOrder.Market(side, lots));

    public void Cancel(long orderId) => Venue.Cancel(Next(), orderId);

    public void CancelAll() => Venue.CancelAll(Next());

    /// <summary>Moves time on and returns the reports that arrived since the last call.</summary>
    public List<VenueReport> Reports(long? until = null)
    {
        long now = until ?? Next();
        if (now > Ts)
            Ts = now;
        var fresh = new List<VenueReport>();
        Venue.DrainReports(now, fresh);
        All.AddRange(fresh);
        return fresh;
    }

    public List<VenueReport> Fills(long? until = null) => Reports(until).Where(r => r.Kind == VenueReportKind.Filled).ToList();

    /// <summary>The order's foreign size ahead, once everything sent so far has arrived (-1 when not resting).</summary>
    public long Ahead(long orderId)
    {
        Venue.AdvanceTo(Ts);
        return Venue.TryGetOrder(orderId, out var s) ? s.AheadLots : -1;
    }
}

internal static class ReportAssert
{
    public static void Fill(VenueReport r, long orderId, long price, long lots, long leaves, Liquidity liquidity)
    {
        Assert.Equal(VenueReportKind.Filled, r.Kind);
        Assert.Equal((orderId, price, lots, leaves, liquidity), (r.OrderId, r.PriceTicks, r.Lots, r.LeavesLots, r.Liquidity));
    }

    public static void Kinds(IEnumerable<VenueReport> reports, params VenueReportKind[] kinds) =>
        Assert.Equal(kinds, reports.Select(r => r.Kind).ToArray());
}
