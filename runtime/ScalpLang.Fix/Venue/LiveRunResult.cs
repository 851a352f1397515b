using ScalpLang.Backtest;

namespace ScalpLang.Fix.Venue;

public enum LiveRunFailure
{
    None,
    /// <summary>No connection: refused, unreachable, timed out, TLS.</summary>
    Connection,
    /// <summary>Connected, but no logon: CompIDs the venue does not know, credentials, a Logout in reply.</summary>
    Logon,
    /// <summary>Logged on, but the venue refused what the run cannot do without (the market data request).</summary>
    Protocol,
}

/// <summary>
/// How a live run ended: the §6 summary (the same arithmetic as a backtest, over the fills the
/// venue reported), why it stopped, what was sent, every fill, and the messages it could not use.
/// </summary>
public sealed record LiveRunResult(
    BacktestSummary? Summary,
    LiveRunFailure Failure,
    string? Error,
    string EndReason,
    long OrdersSent,
    long CancelsSent,
    long CancelRejects,
    IReadOnlyList<VenueFill> Fills,
    IReadOnlyList<string> Problems);
