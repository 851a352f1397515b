namespace ScalpLang.Fix.Store;

/// <summary>
/// What a FIX session must remember across reconnects (and, for a durable store, restarts): the
/// next MsgSeqNum to send and to expect, and the application messages sent, by MsgSeqNum, so a
/// ResendRequest can be answered. Session-level messages are not kept: a resend replaces them
/// with a SequenceReset-GapFill, as QuickFIX does. Implementations need not be thread-safe; the
/// session serialises its calls.
/// </summary>
public interface IMessageStore : IDisposable
{
    int NextSenderMsgSeqNum { get; }
    int NextTargetMsgSeqNum { get; }

    /// <summary>When the sequence numbers were last reset (session schedules compare it with the session start).</summary>
    DateTime CreationTime { get; }

    void SetNextSenderMsgSeqNum(int value);
    void SetNextTargetMsgSeqNum(int value);

    /// <summary>
    /// Records an application message sent with <paramref name="msgSeqNum"/> and moves the next
    /// sender number past it, in one step (a durable store writes the message before it goes out).
    /// </summary>
    void Append(int msgSeqNum, ReadOnlySpan<byte> message);

    /// <summary>Calls <paramref name="visit"/> for each stored message in [begin, end], ascending.</summary>
    void Get(int begin, int end, Action<int, ReadOnlyMemory<byte>> visit);

    /// <summary>Both sequence numbers back to 1, messages dropped, creation time set to <paramref name="now"/>.</summary>
    void Reset(DateTime now);
}

/// <summary>How often a <see cref="FileStore"/> forces its writes to the disk (fsync).</summary>
public enum FsyncPolicy
{
    /// <summary>Every write reaches the disk before the call returns: survives power loss, slowest.</summary>
    EveryMessage,
    /// <summary>At most every <see cref="FileStoreOptions.FsyncInterval"/> (checked on each write).</summary>
    Interval,
    /// <summary>Left to the operating system. Writes still reach the OS at once, so a killed process loses nothing; a power cut may.</summary>
    Never,
}
