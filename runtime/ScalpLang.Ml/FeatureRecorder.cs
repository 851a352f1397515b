using ScalpLang.Backtest;

namespace ScalpLang.Ml;

/// <summary>
/// Watches the replay of a feature-tap strategy: after each event, its time, best bid and ask
/// and the model's feature values (raw, as the strategy computed them) become one row.
/// </summary>
internal sealed class FeatureRecorder(long[] tap) : IRunObserver
{
    public List<long> Times { get; } = [];
    public List<long> Bids { get; } = [];
    public List<long> Asks { get; } = [];
    public List<long[]> Features { get; } = [];

    public void OnEventEnd(long ts, long bidQ16, long askQ16, long equityQ16, long position)
    {
        Times.Add(ts);
        Bids.Add(bidQ16);
        Asks.Add(askQ16);
        Features.Add((long[])tap.Clone());
    }

    public void OnFill(in OwnFill fill)
    {
    }

    public void OnKill(long ts, string reason)
    {
    }
}
