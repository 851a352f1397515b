namespace ScalpLang.Fix.Store;

/// <summary>A store in memory: right for tests and the acceptance server; lost when the process ends.</summary>
public sealed class MemoryStore : IMessageStore
{
    private readonly SortedList<int, byte[]> _messages = [];

    public MemoryStore(DateTime creationTime) => CreationTime = creationTime;

    public int NextSenderMsgSeqNum { get; private set; } = 1;
    public int NextTargetMsgSeqNum { get; private set; } = 1;
    public DateTime CreationTime { get; private set; }

    public void SetNextSenderMsgSeqNum(int value) => NextSenderMsgSeqNum = value;
    public void SetNextTargetMsgSeqNum(int value) => NextTargetMsgSeqNum = value;

    public void Append(int msgSeqNum, ReadOnlySpan<byte> message)
    {
        _messages[msgSeqNum] = message.ToArray();
        NextSenderMsgSeqNum = Math.Max(NextSenderMsgSeqNum, msgSeqNum + 1);
    }

    public void Get(int begin, int end, Action<int, ReadOnlyMemory<byte>> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (var (seq, bytes) in _messages)
        {
            if (seq > end)
                break;
            if (seq >= begin)
                visit(seq, bytes);
        }
    }

    public void Reset(DateTime now)
    {
        _messages.Clear();
        NextSenderMsgSeqNum = 1;
        NextTargetMsgSeqNum = 1;
        CreationTime = now;
    }

    public void Dispose() { }
}
