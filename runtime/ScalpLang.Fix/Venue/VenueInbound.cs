namespace ScalpLang.Fix.Venue;

/// <summary>
/// What the session's I/O threads hand to the engine thread, in the order the session delivered
/// it: the engine processes these one at a time, so a strategy sees one deterministic sequence.
/// </summary>
public abstract record VenueInbound;

public sealed record MarketDataReceived(MarketDataUpdate Update) : VenueInbound;

public sealed record ExecutionReportReceived(ExecutionReport Report) : VenueInbound;

public sealed record CancelRejectReceived(CancelReject Reject) : VenueInbound;

/// <summary>
/// A message we could not use (garbled field, off-grid price, unknown symbol), or a
/// BusinessMessageReject of ours. <see cref="Fatal"/>: the run cannot go on (no market data);
/// <see cref="Halts"/>: an ExecutionReport we could not book, so the position is uncertain.
/// </summary>
public sealed record ProtocolProblem(string Text, bool Fatal = false, bool Halts = false) : VenueInbound;

public sealed record SessionLoggedOn : VenueInbound;

/// <summary>The session ended (Logout or lost connection); <see cref="Reason"/> is the last thing it said.</summary>
public sealed record SessionEnded(string Reason) : VenueInbound;
