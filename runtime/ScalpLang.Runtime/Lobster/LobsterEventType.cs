namespace ScalpLang.Runtime.Lobster;

/// <summary>Column 2 of a LOBSTER message row (lobsterdata.com, "output" structure).</summary>
public enum LobsterEventType : byte
{
    /// <summary>1: a new limit order.</summary>
    Submission = 1,

    /// <summary>2: partial deletion of a limit order.</summary>
    Cancellation = 2,

    /// <summary>3: total deletion of a limit order.</summary>
    Deletion = 3,

    /// <summary>4: execution of a visible limit order.</summary>
    Execution = 4,

    /// <summary>5: execution of a hidden limit order (order id 0; the visible book is unchanged).</summary>
    HiddenExecution = 5,

    /// <summary>6: cross trade such as an auction; negative order id (-1 opening, -2 closing, others intra-day).</summary>
    CrossTrade = 6,

    /// <summary>7: trading halt indicator; the price column holds -1 (halt), 0 (quoting) or 1 (trading).</summary>
    TradingHalt = 7,
}
