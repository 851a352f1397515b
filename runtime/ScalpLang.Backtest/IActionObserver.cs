using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest;

/// <summary>Watches the strategy's raw actions in a backtest (see <see cref="BacktestEngine.Observer"/>).</summary>
public interface IActionObserver
{
    /// <param name="now">Exchange time of the event the strategy acted on, Unix ns.</param>
    void Observe(long now, in StrategyAction action);
}
