namespace ScalpLang.Fix.Benchmarks.RoundTrip;

/// <summary>
/// Round trips before timing starts, the same rule for every row: at least <see cref="Trips"/>
/// of them and at least <see cref="Seconds"/> of running, so that .NET's tiered compilation
/// (which promotes hot methods to optimised code in the background, after a delay) has finished
/// before the first timed trip, as it has in a session that runs all day.
/// </summary>
internal readonly record struct RoundTripWarmUp(int Trips, double Seconds);
