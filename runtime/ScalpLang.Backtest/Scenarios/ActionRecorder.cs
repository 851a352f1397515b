using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backtest.Scenarios;

/// <summary>Records every raw action the strategy takes, before risk or venue can deny it: a scenario tests the strategy's decisions.</summary>
internal sealed class ActionRecorder(StrategyMetadata strategy) : IActionObserver
{
    public List<ActualAction> Actions { get; } = [];

    public void Observe(long now, in StrategyAction action)
    {
        var decision = action.Decision >= 0 && action.Decision < strategy.Decisions.Length
            ? strategy.Decisions[action.Decision]
            : $"decision {action.Decision}";
        Actions.Add(new ActualAction(now - ScenarioTime.EpochNs, ScenarioAction.FromStrategy(in action), decision));
    }
}
