namespace ScalpLang.Backtest.Venue;

/// <summary>
/// How an L2 level decrease that is not explained by a trade moves our queue position (an
/// aggregate feed cannot say whether the cancelled size was ahead of us or behind).
/// </summary>
public enum L2CancelRule : byte
{
    /// <summary>
    /// Cancels come from ahead and behind in proportion: size ahead shrinks by
    /// <c>floor(cancelled x ahead / level)</c> (rounded toward staying back).
    /// </summary>
    ProRata = 0,

    /// <summary>Pessimistic: cancels come from behind us first; only what exceeds the size behind moves us up.</summary>
    BehindFirst = 1,
}
