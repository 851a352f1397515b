using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Tests.Interop;

/// <summary>Our initiator's application: keeps every application message it receives (thread-safe snapshot).</summary>
public sealed class CollectingApplication : ISessionApplication
{
    private readonly List<FixFields> _received = [];
    private readonly List<string> _events = [];

    public int Logons { get; private set; }
    public int Logouts { get; private set; }

    public IReadOnlyList<FixFields> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public IReadOnlyList<string> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public void OnLogon(FixSession session) => Logons++;
    public void OnLogout(FixSession session) => Logouts++;

    public void OnEvent(FixSession session, string text)
    {
        lock (_events)
            _events.Add(text);
    }

    public ApplicationResult FromApp(FixSession session, FixMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_received)
            _received.Add(FixFields.Parse(message.ToString()));
        return ApplicationResult.Handled;
    }
}
