using ScalpLang.Fix.Session;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Venue;

/// <summary>What a live run needs: a started strategy, the initiator session's settings and the instrument on the wire.</summary>
public sealed record LiveRunOptions(CompiledStrategy Strategy, SessionSettings Session, Instrument Instrument)
{
    /// <summary>Relative paths in the settings (FileStorePath, DataDictionary) are taken from here (the cfg's folder).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Stop after this long (wall clock); null runs until the venue logs out or the run is cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    public decimal Capital { get; init; } = Backtest.BacktestRunner.DefaultCapital;

    /// <summary>How long the stop waits for the venue to confirm the cancels of our open orders.</summary>
    public TimeSpan CancelTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Starts every ClOrdID; default: the run's start time (unique per run).</summary>
    public string? ClOrdIdPrefix { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The instrument a session's settings name (our keys in its [SESSION]: Symbol, TickSize,
    /// LotSize, Currency), else the strategy's declared one; null with <paramref name="error"/> when neither does.
    /// </summary>
    public static Instrument? InstrumentFor(SessionSettings settings, InstrumentInfo? declared, out string? error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        error = null;
        var raw = settings.Raw;
        raw.TryGetValue("Symbol", out var symbol);
        if (symbol is null && declared is null)
        {
            error = $"{settings.Source}: the strategy declares no instrument: set Symbol, TickSize and LotSize in the session";
            return null;
        }
        if (!TryDecimal("TickSize", declared?.TickSize, out var tick, out error) || !TryDecimal("LotSize", declared?.LotSize, out var lot, out error))
            return null;
        raw.TryGetValue("Currency", out var currency);
        return new Instrument(symbol ?? declared!.Symbol, tick, lot, currency ?? declared?.Currency ?? "USD");

        bool TryDecimal(string key, decimal? fallback, out decimal value, out string? why)
        {
            why = null;
            value = fallback ?? 0;
            if (!raw.TryGetValue(key, out var text))
            {
                if (fallback is null)
                    why = $"{settings.Source}: {key} is missing (the strategy declares no instrument)";
                return fallback is not null;
            }
            if (decimal.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0)
                return true;
            why = $"{settings.Source}: {key} '{text}' is not a positive decimal";
            return false;
        }
    }
}
