using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Abi.Windows;

namespace ScalpLang.Benchmarks;

/// <summary>
/// examples/imbalance_scalper.scalp written by hand in C#, the way an engineer would write it for
/// speed: the same windows, the same Q47.16 arithmetic, the same decision order, and nothing
/// computed that the decision reached does not need. It plugs into the runtime like any strategy (a <see cref="CompiledStrategy"/> subclass, so it pays the same
/// host dispatch); the baseline the compiled strategy is measured against. The benchmark's setup
/// proves both take the same decisions before timing anything.
/// </summary>
public sealed class HandWrittenImbalanceScalper(string metadataJson) : CompiledStrategy(metadataJson)
{
    private const long Two = 2 * Q.One;
    private const long OneAndAHalf = 3 * Q.One / 2;
    private long _threshold;
    private long _maxSpread;
    private long _size;
    private long _pWin;
    private AggressorRatioWindow _aggression = null!;
    private AtrWindow _atr = null!;
    private CancelRateWindow _cancels = null!;
    private DrawdownWindow _drawdown = null!;

    protected override void CreateState()
    {
        _threshold = Parameter(0);
        _maxSpread = Parameter(1);
        _size = Parameter(2);
        _pWin = Parameter(3);
        _aggression = new(500_000_000);
        _atr = new(10_000_000_000, 1_000_000_000);
        _cancels = new(1_000_000_000);
        _drawdown = new(3_600_000_000_000);
    }

    protected override void Evaluate(ref MarketView view, IActionSink sink)
    {
        // Windows advance on every event; everything else is worked out only where a decision needs it.
        var ts = view.TsEvent;
        _aggression.Record(ts, view.TradeSize, view.TradeAggressorBuy);
        var volatility = _atr.Update(ts, view.LastPrice, view.Kind == MarketEventKind.Trade);
        _cancels.Record(ts, view.CancelledSize, view.AddedSize);
        var drawdown = _drawdown.Update(ts, view.Equity);
        if (view.LossesInARow >= 3 * Q.One || drawdown >= 328) // 0.5%
        {
            Submit(sink, ActionKind.Kill, 0, 0);
            return;
        }
        if (view.Position != 0)
        {
            var mid = Q.Mul(view.BestBid + view.BestAsk, Q.One / 2);
            var unrealized = view.Position > 0 ? mid - view.EntryPrice : view.EntryPrice - mid;
            if (unrealized >= Two)
            {
                Submit(sink, ActionKind.Flatten, 1, 0);
                return;
            }
            if (unrealized <= -Q.Mul(OneAndAHalf, volatility))
            {
                Submit(sink, ActionKind.Flatten, 2, 0);
                return;
            }
        }
        if (view.TimeInPosition >= 30_000_000_000)
        {
            Submit(sink, ActionKind.Flatten, 3, 0);
            return;
        }
        if (view.Kind == MarketEventKind.Fill)
            return; // after our own fill: breakers and exits only
        if (_cancels.Value() > 52_429) // 80%
        {
            Submit(sink, ActionKind.Wait, 4, 0);
            return;
        }
        if (view.BestAsk - view.BestBid > _maxSpread)
            return;
        var bids = view.BidDepthOver(5);
        var asks = view.AskDepthOver(5);
        var imbalance = Q.Div(bids - asks, bids + asks);
        if (imbalance > _threshold && _aggression.Value() > 39_322 && Edge(volatility) > 0)
            Submit(sink, ActionKind.Buy, 5, _size);
        else if (imbalance < -_threshold && _aggression.Value() < 26_214 && Edge(volatility) > 0)
            Submit(sink, ActionKind.Sell, 6, _size);
    }

    /// <summary>p_win x 2 ticks - (1 - p_win) x 1.5 ATR - 0.2 ticks of fees.</summary>
    private long Edge(long volatility) =>
        Q.Mul(_pWin, Two) - Q.Mul(Q.One - _pWin, Q.Mul(OneAndAHalf, volatility)) - 13_107;

    private static void Submit(IActionSink sink, ActionKind kind, int decision, long quantity)
    {
        var action = new StrategyAction(kind, decision, quantity, kind is ActionKind.Buy or ActionKind.Sell, 0, SliceAlgorithm.None, 0, 0, 0);
        sink.Submit(in action);
    }
}
