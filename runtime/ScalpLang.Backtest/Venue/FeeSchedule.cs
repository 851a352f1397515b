using System.Globalization;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Backtest.Venue;

/// <summary>
/// One fee: a signed fraction of the fill's notional plus a signed amount per lot, in the
/// instrument's currency. Positive is paid, negative is a rebate (received).
/// </summary>
public readonly record struct FeeRate(decimal OfNotional, decimal PerLot)
{
    public static FeeRate Zero => default;
}

/// <summary>
/// An instrument's maker and taker fees. A fill's fee is exact decimal arithmetic, with no
/// rounding: <c>OfNotional x price x tick size x lots x lot size + PerLot x lots</c> (rounding to
/// the currency's cents, if the venue does, belongs to the statement, not to each fill).
/// </summary>
public sealed record FeeSchedule(FeeRate Maker, FeeRate Taker)
{
    public const string Syntax = "maker=-0.0002,taker=0.0003[,maker_per_lot=..][,taker_per_lot=..] (fractions, or with bp or %)";

    public static FeeSchedule Zero { get; } = new(FeeRate.Zero, FeeRate.Zero);

    public FeeRate For(Liquidity liquidity) => liquidity == Liquidity.Maker ? Maker : Taker;

    public decimal Fee(Instrument instrument, Liquidity liquidity, long priceTicks, long lots)
    {
        FeeRate rate = For(liquidity);
        decimal fee = 0;
        if (rate.OfNotional != 0)
            fee = rate.OfNotional * (priceTicks * instrument.TickSize) * (lots * instrument.LotSize);
        if (rate.PerLot != 0)
            fee += rate.PerLot * lots;
        return fee;
    }

    public static FeeSchedule Parse(string text) =>
        TryParse(text, out var fees, out var error) ? fees : throw new FormatException(error);

    /// <summary>Parses <c>maker=-2bp,taker=3bp</c>, <c>maker=-0.0002,taker=0.0003,taker_per_lot=0.005</c> and the like.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FeeSchedule? fees, out string? error)
    {
        fees = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"fees are empty; expected {Syntax}";
            return false;
        }
        decimal maker = 0, taker = 0, makerLot = 0, takerLot = 0;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : part[(eq + 1)..].Trim();
            bool perLot = key.EndsWith("_per_lot", StringComparison.Ordinal);
            if (!TryParseAmount(value, allowPercent: !perLot, out decimal amount))
            {
                error = $"fees '{text}': '{part}' is not key=number; expected {Syntax}";
                return false;
            }
            switch (key)
            {
                case "maker": maker = amount; break;
                case "taker": taker = amount; break;
                case "maker_per_lot": makerLot = amount; break;
                case "taker_per_lot": takerLot = amount; break;
                default:
                    error = $"fees '{text}': unknown key '{key}'; expected maker, taker, maker_per_lot or taker_per_lot";
                    return false;
            }
        }
        fees = new FeeSchedule(new FeeRate(maker, makerLot), new FeeRate(taker, takerLot));
        return true;
    }

    private static bool TryParseAmount(string value, bool allowPercent, out decimal amount)
    {
        decimal scale = 1;
        if (allowPercent && value.EndsWith("bp", StringComparison.OrdinalIgnoreCase))
        {
            scale = 0.0001m;
            value = value[..^2];
        }
        else if (allowPercent && value.EndsWith('%'))
        {
            scale = 0.01m;
            value = value[..^1];
        }
        bool ok = decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
        amount *= scale;
        return ok;
    }
}
