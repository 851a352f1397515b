namespace ScalpLang.Backtest.Venue;

/// <summary>
/// The exchange's price collar: a limit order priced farther than <see cref="MaxTicks"/> ticks,
/// or farther than <see cref="MaxFraction"/> of the reference price, from the reference price
/// (the mid, else the last trade) is rejected; a market order walks no farther than the band.
/// Either bound may be left out.
/// </summary>
public sealed record PriceBand(long? MaxTicks = null, decimal? MaxFraction = null);
