using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Backtest;

/// <summary>The embedded default data: the seeded synthetic order flow (runtime/ScalpLang.Runtime/Synthetic).</summary>
internal static class SyntheticSource
{
    public static Instrument Instrument => SyntheticOrderFlow.Instrument;

    public static string? Replay(string argument, IReplayTarget engine)
    {
        var text = argument.Length == 0 ? SyntheticSpec.Scheme : $"{SyntheticSpec.Scheme}:{argument}";
        if (!SyntheticSpec.TryParse(text, out var spec, out var error))
            return error;
        var handler = engine;
        new SyntheticOrderFlow(spec).Run(ref handler);
        return null;
    }
}
