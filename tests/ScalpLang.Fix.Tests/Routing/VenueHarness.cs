using System.Globalization;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Infrastructure;
using ScalpLang.Fix.Tests.Session;
using ScalpLang.Fix.Venue;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Fix.Tests.Routing;

/// <summary>
/// A FIX venue over a logged-on initiator session with no socket: what the venue sends is
/// recorded, and the venue's messages are fed in by hand (ISLD to our TW), read by the client
/// application exactly as on the wire and applied on the calling thread.
/// </summary>
internal sealed class VenueHarness
{
    private int _seq = 1;

    public VenueHarness(Instrument? instrument = null)
    {
        Units = new WireUnits(instrument ?? new Instrument("SYM", 0.01m, 100m, "USD"));
        Clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.Zero));
        Application = new VenueSessionApplication(Units, Clock);
        Session = new FixSession(SessionHarness.Initiator(), new MemoryStore(Clock.Now.UtcDateTime), FixDictionary.Fix44, Application, Clock);
        Assert.True(Session.Connected(Transport));
        Receive("A", "98=0|108=30|");
        Assert.True(Session.IsLoggedOn);
        Assert.IsType<SessionLoggedOn>(Application.Inbound.Take());
        Transport.Sent.Clear();
        Venue = new FixOrderVenue(Session, Units, "T", Clock);
    }

    public WireUnits Units { get; }
    public FixedClock Clock { get; }
    public VenueSessionApplication Application { get; }
    public RecordingTransport Transport { get; } = new();
    public FixSession Session { get; }
    public FixOrderVenue Venue { get; }

    public string Time => Clock.Now.UtcDateTime.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A message from the venue ("35=..|body" completed with the header), through the session and the client application.</summary>
    public void Receive(string type, string body)
    {
        var text = $"8=FIX.4.4|35={type}|34={_seq++}|49=ISLD|52={Time}|56=TW|{body}";
        var message = new FixMessage();
        Assert.True(Session.Parser.TryParse(FixText.Decorate(text), message, out var error), error.ToString());
        Session.Receive(message);
    }

    /// <summary>The one item the last message became.</summary>
    public VenueInbound Taken()
    {
        Assert.True(Application.Inbound.TryTake(out var item), "the message reached the engine queue as nothing");
        return item;
    }

    /// <summary>Feeds an ExecutionReport and applies it to the venue, as the engine thread would.</summary>
    public bool Execution(string body)
    {
        Receive("8", body);
        var item = Taken();
        return item is ExecutionReportReceived er ? Venue.Apply(er.Report) : throw new Xunit.Sdk.XunitException($"not a report: {item}");
    }

    public string Sent()
    {
        Assert.True(Transport.Sent.Count > 0, "the venue sent nothing");
        return Transport.Sent.Dequeue();
    }

    public static string? Field(string message, int tag) => SessionHarness.Field(message, tag);

    /// <summary>Every value of <paramref name="tag"/> in order (repeating groups).</summary>
    public static List<string> Fields(string message, int tag)
    {
        var prefix = tag.ToString(CultureInfo.InvariantCulture) + "=";
        return [.. message.Split('|').Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p[prefix.Length..])];
    }
}
