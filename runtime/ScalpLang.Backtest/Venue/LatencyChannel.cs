namespace ScalpLang.Backtest.Venue;

/// <summary>
/// One direction of one connection (order entry, reports, or market data): messages arrive in
/// the order they were sent, as over TCP, so a message never overtakes an earlier one even when
/// its sampled latency is shorter: arrival = max(sent + latency, previous arrival). That keeps a
/// cancel behind the order it cancels and a fill behind its ack.
/// </summary>
internal struct LatencyChannel(LatencyModel model, ulong seed)
{
    private VenueRandom _random = new(seed);
    private long _lastArrival = long.MinValue;

    public readonly LatencyModel Model => model;

    public long Arrival(long sent)
    {
        long arrival = sent + model.Sample(ref _random);
        if (arrival < _lastArrival)
            arrival = _lastArrival;
        _lastArrival = arrival;
        return arrival;
    }
}
