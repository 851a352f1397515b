using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Benchmarks;

/// <summary>
/// examples/imbalance_scalper.scalp written by hand in C#, the way an engineer would write it for
/// speed: the same windows, the same Q47.16 arithmetic, the same decision order. The baseline the
/// compiled strategy is measured against; the benchmark's setup proves both take the same
/// decisions before timing anything.
/// </summary>
public sealed class HandWrittenImbalanceScalper(long threshold, long maxSpread, long size, long pWin)
{
    private const long Two = 2 * Q.One;
    private const long OneAndAHalf = 3 * Q.One / 2;
    private readonly AggressorRatioWindow _aggression = new(500_000_000);
    private readonly AtrWindow _atr = new(10_000_000_000, 1_000_000_000);
    private readonly CancelRateWindow _cancels = new(1_000_000_000);
    private readonly DrawdownWindow _drawdown = new(3_600_000_000_000);

    public void OnEvent(in MarketView v, IActionSink sink)
    {
        var bids = v.BidDepthOver(5);
        var asks = v.AskDepthOver(5);
        var imbalance = Q.Div(bids - asks, bids + asks);
        var aggression = _aggression.Update(v.TsEvent, v.TradeSize, v.TradeAggressorBuy);
        var volatility = _atr.Update(v.TsEvent, v.LastPrice, v.Kind == MarketEventKind.Trade);
        var spoofing = _cancels.Update(v.TsEvent, v.CancelledSize, v.AddedSize) > 52_429; // 80%
        var drawdown = _drawdown.Update(v.TsEvent, v.Equity);

        var mid = Q.Mul(v.BestBid + v.BestAsk, Q.One / 2);
        var open = v.Position != 0;
        var unrealized = v.Position > 0 ? mid - v.EntryPrice : v.Position < 0 ? v.EntryPrice - mid : 0;
        var stop = Q.Mul(OneAndAHalf, volatility);
        var edge = Q.Mul(pWin, Two) - Q.Mul(Q.One - pWin, stop) - 13_107; // 0.2 ticks of fees
        var spread = v.BestAsk - v.BestBid;

        if (v.LossesInARow >= 3 * Q.One || drawdown >= 328) // 0.5%
            Submit(sink, ActionKind.Kill, 0, 0);
        else if (open && unrealized >= Two)
            Submit(sink, ActionKind.Flatten, 1, 0);
        else if (open && unrealized <= -stop)
            Submit(sink, ActionKind.Flatten, 2, 0);
        else if (v.TimeInPosition >= 30_000_000_000)
            Submit(sink, ActionKind.Flatten, 3, 0);
        else if (spoofing)
            Submit(sink, ActionKind.Wait, 4, 0);
        else if (imbalance > threshold && spread <= maxSpread && aggression > 39_322 && edge > 0)
            Submit(sink, ActionKind.Buy, 5, size);
        else if (imbalance < -threshold && spread <= maxSpread && aggression < 26_214 && edge > 0)
            Submit(sink, ActionKind.Sell, 6, size);
    }

    private static void Submit(IActionSink sink, ActionKind kind, int decision, long quantity)
    {
        var action = new StrategyAction(kind, decision, quantity, kind is ActionKind.Buy or ActionKind.Sell, 0, SliceAlgorithm.None, 0, 0, 0);
        sink.Submit(in action);
    }
}
