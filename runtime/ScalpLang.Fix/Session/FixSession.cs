using System.Text;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Store;

namespace ScalpLang.Fix.Session;

/// <summary>
/// The FIX session layer (FIX 4.2 and 4.4) as a state machine with no sockets of its own: a
/// transport feeds it parsed messages (<see cref="Receive"/>), garbled input
/// (<see cref="ReceiveGarbled"/>) and clock ticks (<see cref="Tick"/>), and it answers through
/// the attached <see cref="ISessionTransport"/> and the <see cref="ISessionApplication"/>.
/// Behaviour follows QuickFIX, whose acceptance scripts it passes: logon and logout, heartbeats
/// and TestRequests, MsgSeqNum checks with queueing of early messages and ResendRequest,
/// SequenceReset (gap fill and reset), PossDup handling, SendingTime and CompID checks,
/// dictionary validation with QuickFIX's Reject texts, and answering ResendRequests from the
/// store. Every public member takes the session's lock, so the transport's reader, its timer and
/// the application may call from different threads.
/// </summary>
public sealed partial class FixSession
{
    private readonly object _gate = new();
    private readonly ISessionApplication _app;
    private readonly TimeProvider _clock;
    private readonly FixValidationOptions _validation;
    private readonly byte[] _beginString;
    private readonly SortedList<int, FixMessage> _queue = [];

    private ISessionTransport? _transport;
    private bool _sentLogon;
    private bool _receivedLogon;
    private bool _sentLogout;
    private bool _sentReset;
    private int _heartBtInt;
    private int _testRequests;
    private (int Begin, int End)? _resendRange;
    private DateTime _connectedAt;
    private DateTime _lastSent;
    private DateTime _lastReceived;
    private DateTime _logoutSentAt;

    public FixSession(SessionSettings settings, IMessageStore store, FixDictionary dictionary, ISessionApplication application, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Dictionary = dictionary ?? throw new ArgumentNullException(nameof(dictionary));
        _app = application ?? throw new ArgumentNullException(nameof(application));
        _clock = clock ?? TimeProvider.System;
        _beginString = Encoding.ASCII.GetBytes(settings.Id.BeginString);
        _heartBtInt = settings.HeartBtInt;
        _validation = new FixValidationOptions
        {
            CheckFieldsOutOfOrder = settings.ValidateFieldsOutOfOrder,
            CheckFieldsHaveValues = settings.ValidateFieldsHaveValues,
            CheckUserDefinedFields = settings.ValidateUserDefinedFields,
            AllowUnknownMessageFields = settings.AllowUnknownMsgFields,
        };
        Parser = new FixParser(dictionary, new FixCodecOptions { MaxMessageSize = settings.MaxMessageSize });
        _admin = new FixMessageWriter();
        _resendParser = new FixParser(null, new FixCodecOptions { MaxMessageSize = int.MaxValue });
    }

    public SessionId Id => Settings.Id;
    public SessionSettings Settings { get; }
    public IMessageStore Store { get; }
    public FixDictionary Dictionary { get; }

    /// <summary>Parses this session's messages with its dictionary (groups built, limits applied).</summary>
    public FixParser Parser { get; }

    public bool IsInitiator => Settings.ConnectionType == ConnectionType.Initiator;

    public bool IsConnected
    {
        get { lock (_gate) return _transport is not null; }
    }

    public bool IsLoggedOn
    {
        get { lock (_gate) return _transport is not null && _sentLogon && _receivedLogon; }
    }

    /// <summary>The HeartBtInt in force: the configured one, or the initiator's for an acceptor.</summary>
    public int HeartBtInt
    {
        get { lock (_gate) return _heartBtInt; }
    }

    public int NextSenderMsgSeqNum
    {
        get { lock (_gate) return Store.NextSenderMsgSeqNum; }
    }

    public int NextTargetMsgSeqNum
    {
        get { lock (_gate) return Store.NextTargetMsgSeqNum; }
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;
    private int ExpectedTarget => Store.NextTargetMsgSeqNum;

    // ---- connection lifecycle ------------------------------------------------------------------

    /// <summary>A connection is up. An initiator sends its Logon; an acceptor waits for one.</summary>
    /// <returns>False when the session already has a connection (the caller must drop the new one).</returns>
    public bool Connected(ISessionTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        lock (_gate)
        {
            if (_transport is not null)
                return false;
            ResetConnectionState();
            _transport = transport;
            var now = Now;
            _connectedAt = _lastReceived = _lastSent = now;
            ResetIfNewPeriod(now);
            if (IsInitiator)
                SendLogon();
            return true;
        }
    }

    /// <summary>The transport lost its connection (or closed it after <see cref="ISessionTransport.Disconnect"/>).</summary>
    public void Disconnected(ISessionTransport transport)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_transport, transport))
                Detach("connection closed");
        }
    }

    /// <summary>Sends a Logout (with <paramref name="text"/>) and disconnects when the reply comes or LogoutTimeout passes.</summary>
    public void Logout(string? text = null)
    {
        lock (_gate)
        {
            if (_transport is null)
                return;
            if (!_sentLogon || !_receivedLogon)
            {
                Disconnect(text ?? "logout before logon completed");
                return;
            }
            if (!_sentLogout)
                GenerateLogout(text);
        }
    }

    private void Disconnect(string reason)
    {
        var transport = _transport;
        if (transport is null)
            return;
        Detach(reason);
        transport.Disconnect(reason);
    }

    private void Detach(string reason)
    {
        var wasLoggedOn = _sentLogon && _receivedLogon;
        _transport = null;
        _app.OnEvent(this, "Disconnected: " + reason);
        if (Settings.ResetOnDisconnect)
            Store.Reset(Now);
        ResetConnectionState();
        if (wasLoggedOn)
            _app.OnLogout(this);
    }

    private void ResetConnectionState()
    {
        _sentLogon = _receivedLogon = _sentLogout = _sentReset = false;
        _testRequests = 0;
        _resendRange = null;
        _queue.Clear();
        _heartBtInt = Settings.HeartBtInt;
    }

    // A store created before the current schedule period holds the previous period's numbers.
    private void ResetIfNewPeriod(DateTime now)
    {
        if (Settings.Schedule.PeriodStart(now) is { } start && Store.CreationTime < start)
            Store.Reset(now);
    }

    // ---- timers --------------------------------------------------------------------------------

    /// <summary>Called by the transport every ~100 ms: logon/logout timeouts, heartbeats, TestRequests, schedule.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_transport is null)
                return;
            var now = Now;
            if (!_receivedLogon)
            {
                if (now - _connectedAt >= Settings.LogonTimeout)
                    Disconnect("no Logon within LogonTimeout");
                return;
            }
            if (_sentLogout)
            {
                if (now - _logoutSentAt >= Settings.LogoutTimeout)
                    Disconnect("no Logout reply within LogoutTimeout");
                return;
            }
            if (!Settings.Schedule.IsInSession(now))
            {
                GenerateLogout("Session is outside its schedule");
                return;
            }
            if (_heartBtInt <= 0)
                return;
            var interval = TimeSpan.FromSeconds(_heartBtInt);
            var silence = now - _lastReceived;
            if (silence >= interval * 2.4)
                Disconnect("Timed out waiting for heartbeat");
            else if (silence >= interval * 1.2 * (_testRequests + 1))
            {
                GenerateTestRequest("TEST");
                _testRequests++;
            }
            else if (_testRequests == 0 && now - _lastSent >= interval)
                GenerateHeartbeat(default);
        }
    }
}
