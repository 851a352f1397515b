using ScalpLang.Runtime.MarketData;

namespace ScalpLang.Backtest.Venue;

// L2 rows as one feed event: a source that sends a whole row at once (a Tardis snapshot or
// incremental row) is matched update by update, but travels to the strategy as one message.
public sealed partial class SimulatedVenue
{
    /// <summary>
    /// Every update of one row at <paramref name="tsEvent"/>, as one step: each is matched as
    /// <see cref="OnLevelUpdated"/> would, then the row is scheduled with one market-data latency
    /// draw, so it arrives whole (to an <see cref="IVenueRowClient"/> as one call; to another
    /// client as its updates, one after the other, at the same time).
    /// </summary>
    public void OnLevelsUpdated(long tsEvent, ReadOnlySpan<BookLevelUpdated> row)
    {
        BeginEvent(tsEvent);
        long tsRecv = tsEvent;
        foreach (ref readonly var update in row)
        {
            ApplyLevel(in update);
            tsRecv = Math.Max(tsRecv, update.TsRecv);
        }
        if (!SchedulesMarketData)
        {
            Run(Now);
            return;
        }
        long arrival = _marketDataChannel.Arrival(tsRecv);
        if (_rowClient is null)
        {
            foreach (ref readonly var update in row)
                _marketData.Enqueue(arrival, (MarketDataEnvelope.From(in update), arrival));
        }
        else
        {
            foreach (ref readonly var update in row)
                _rowUpdates.Enqueue(arrival, in update);
            _marketData.Enqueue(arrival, (MarketDataEnvelope.Row(tsEvent, row.Length), arrival));
        }
        Run(Now);
    }

    private void DeliverRow(in MarketDataEnvelope row, long tsRecv)
    {
        int count = (int)row.OrderId;
        if (_rowScratch.Length < count)
            _rowScratch = new BookLevelUpdated[Math.Max(count, 2 * _rowScratch.Length)];
        for (int i = 0; i < count; i++)
        {
            _rowUpdates.TryDequeue(long.MaxValue, out var update);
            _rowScratch[i] = update with { TsRecv = tsRecv };
        }
        _rowClient!.OnLevelRow(row.TsEvent, tsRecv, _rowScratch.AsSpan(0, count));
    }
}
