using ScalpLang.Backtest;
using ScalpLang.Backtest.Venue;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Exchange;

/// <summary>What `scalp exchange` runs: its acceptor sessions, the data it replays, how fast, and the venue's fees.</summary>
public sealed record PaperExchangeOptions(IReadOnlyList<SessionSettings> Sessions, DataSpec Data)
{
    public const string DefaultSenderCompId = "SCALPEX";
    public const string DefaultTargetCompId = "SCALPCLIENT";

    /// <summary>Data time per wall time: 1 replays in real time, 10 ten times faster; null as fast as the clients keep up.</summary>
    public decimal? Speed { get; init; } = 1m;

    public FeeSchedule Fees { get; init; } = FeeSchedule.Zero;

    /// <summary>Relative paths in the settings are taken from here.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// The default session when no cfg is given: FIX 4.4, the exchange is SCALPEX and its client
    /// SCALPCLIENT, on <paramref name="host"/>:<paramref name="port"/>, sequence numbers reset at
    /// each logon, messages kept in memory.
    /// </summary>
    public static SessionSettings DefaultSession(string host, int port) => new()
    {
        Id = new SessionId("FIX.4.4", DefaultSenderCompId, DefaultTargetCompId),
        ConnectionType = ConnectionType.Acceptor,
        Source = "default session",
        SocketAcceptHost = host,
        SocketAcceptPort = port,
        ResetOnLogon = true,
    };
}
