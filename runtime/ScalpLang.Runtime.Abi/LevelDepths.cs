using System.Runtime.CompilerServices;

namespace ScalpLang.Runtime.Abi;

/// <summary>
/// Cumulative resting size (Q47.16 lots) over the top 1..50 levels of one side:
/// element k-1 holds the size of levels 1..k. Inline, so a view is one flat struct.
/// </summary>
[InlineArray(MaxLevels)]
public struct LevelDepths
{
    public const int MaxLevels = 50;

    private long _first;
}
