using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest;

/// <summary>
/// A data source replayed into any <see cref="IReplayTarget"/>, for hosts other than the backtest
/// engine (the paper exchange of ScalpLang.Fix replays the same <c>--data</c> sources to its
/// subscribers). The same sources and units as <see cref="BacktestRunner"/>.
/// </summary>
public static class DataReplay
{
    /// <summary>The units the data is in (synthetic and LOBSTER: their own; Tardis: the declared instrument's).</summary>
    public static Instrument InstrumentOf(InstrumentInfo? declared, DataSpec data) => BacktestRunner.DataInstrument(declared, data);

    /// <summary>
    /// Replays <paramref name="data"/> into <paramref name="target"/>; LOBSTER seeds and completes
    /// <paramref name="book"/> (the target's own book) from its orderbook file. Tapes are refused:
    /// they carry levels, not the order-level or L2 events a venue matches against.
    /// </summary>
    /// <returns>Null, or <c>file:line: reason</c> when the data is bad.</returns>
    public static string? Replay(DataSpec data, Instrument instrument, OrderBook book, IReplayTarget target)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Kind switch
        {
            DataKind.Lobster => BacktestRunner.ReplayLobster(data.Argument, instrument, book, target),
            DataKind.Tardis => TardisSource.Replay(data.Argument, instrument, target),
            DataKind.Tape => "a tape cannot be replayed to a venue (it needs order-level or L2 data: synthetic, lobster or tardis)",
            _ => SyntheticSource.Replay(data.Argument, target),
        };
    }
}
