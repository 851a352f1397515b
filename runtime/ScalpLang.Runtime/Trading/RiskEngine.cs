using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Trading;

/// <summary>Why an order was refused: a code and key=value context (nautilus_trader style).</summary>
public readonly record struct OrderDenied(long Ts, string Reason);

/// <summary>
/// Pre-trade checks in front of the venue: max position, max orders per window, price band,
/// stand-aside after a flatten, and the kill switch, which latches (it records when and why) and
/// blocks every new order until <see cref="ResetKillSwitch"/> is called by an operator.
/// </summary>
public sealed class RiskEngine
{
    private readonly long? _maxPositionLots;
    private readonly long? _maxOrders;
    private readonly long _orderWindowNs;
    private readonly long? _priceBandQ16;
    private readonly Queue<long> _recentOrders = new();
    private long _standAsideUntil = long.MinValue;

    public RiskEngine(StrategyMetadata metadata, IReadOnlyList<long> parameterValues)
    {
        long Resolve(long raw, string? parameter)
        {
            if (parameter is null)
                return raw;
            for (var i = 0; i < metadata.Parameters.Length; i++)
            {
                if (metadata.Parameters[i].Name == parameter)
                    return parameterValues[i];
            }
            throw new InvalidDataException($"risk limit refers to unknown parameter '{parameter}'");
        }
        foreach (var limit in metadata.RiskLimits)
        {
            var value = Resolve(limit.Value, limit.ValueParameter);
            switch (limit.Kind)
            {
                case "max_position":
                    _maxPositionLots = value >> Q.FractionBits;
                    break;
                case "max_orders":
                    _maxOrders = value >> Q.FractionBits;
                    _orderWindowNs = Resolve(limit.Per ?? 0, limit.PerParameter);
                    break;
                case "price_band":
                    _priceBandQ16 = value;
                    break;
            }
        }
    }

    public bool KillSwitchEngaged { get; private set; }
    public long? KilledAt { get; private set; }
    public string? KillReason { get; private set; }

    public void Kill(long ts, string reason)
    {
        if (KillSwitchEngaged)
            return;
        KillSwitchEngaged = true;
        KilledAt = ts;
        KillReason = reason;
    }

    public void ResetKillSwitch()
    {
        KillSwitchEngaged = false;
        KilledAt = null;
        KillReason = null;
    }

    public void StandAside(long until) => _standAsideUntil = Math.Max(_standAsideUntil, until);

    /// <summary>The venue's trading status: no order goes out unless it is <see cref="TradingStatus.Trading"/>.</summary>
    public TradingStatus Status { get; set; } = TradingStatus.Trading;

    /// <summary>Checks a new order: <see cref="RiskDenialCode.None"/> when it may go, else why not (no text is made here).</summary>
    public RiskDenial Check(long ts, Side side, long lots, long? limitQ16, long position, long midQ16)
    {
        if (KillSwitchEngaged)
            return new RiskDenial(RiskDenialCode.KillSwitchEngaged, ts, Text: KillReason);
        if (Status != TradingStatus.Trading)
            return new RiskDenial(RiskDenialCode.MarketNotTrading, ts, (long)Status);
        if (ts < _standAsideUntil)
            return new RiskDenial(RiskDenialCode.StandingAside, ts, _standAsideUntil);
        long signedLots = side == Side.Buy ? lots : -lots;
        var after = position + signedLots;
        if (_maxPositionLots is { } max && Math.Abs(after) > max && Math.Abs(after) > Math.Abs(position))
            return new RiskDenial(RiskDenialCode.MaxPositionExceeded, ts, position, signedLots, max);
        if (_priceBandQ16 is { } band && limitQ16 is { } limit && Math.Abs(limit - midQ16) > band)
            return new RiskDenial(RiskDenialCode.PriceOutsideBand, ts, limit, midQ16, band);
        if (_maxOrders is { } maxOrders)
        {
            while (_recentOrders.Count > 0 && _recentOrders.Peek() <= ts - _orderWindowNs)
                _recentOrders.Dequeue();
            if (_recentOrders.Count >= maxOrders)
                return new RiskDenial(RiskDenialCode.MaxOrderRateExceeded, ts, _recentOrders.Count, _orderWindowNs, maxOrders);
            _recentOrders.Enqueue(ts);
        }
        return default;
    }
}
