using ScalpLang.Runtime.Abi;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// The strategy the backtest host runs: it hands every view the host built to the IL probes and
/// records what they computed, and never acts, so no fill ever changes the replay. One row per
/// strategy evaluation: TsEvent, Kind, then the feature values in table order.
/// </summary>
internal sealed class ViewTap(IReadOnlyList<CompiledStrategy> probes, int features)
    : CompiledStrategy(probes[0].Metadata.ToJson())
{
    private readonly Capture _capture = new();

    public List<long[]> Rows { get; } = [];

    protected override void CreateState()
    {
    }

    protected override void Evaluate(ref MarketView view, IActionSink sink)
    {
        var row = new long[2 + features];
        row[0] = view.TsEvent;
        row[1] = (long)view.Kind;
        for (var p = 0; p < probes.Count; p++)
        {
            _capture.Last = null;
            probes[p].OnBook(in view, _capture);
            var a = _capture.Last ?? throw new InvalidOperationException("a probe did not act");
            long[] values = [a.Quantity, a.LimitPrice, a.SliceOver, a.Slices];
            for (var i = 0; i < ProbeStrategy.ValuesPerProbe && p * ProbeStrategy.ValuesPerProbe + i < features; i++)
                row[2 + p * ProbeStrategy.ValuesPerProbe + i] = values[i];
        }
        Rows.Add(row);
    }

    private sealed class Capture : IActionSink
    {
        public StrategyAction? Last;

        public void Submit(in StrategyAction action) => Last = action;
    }
}
