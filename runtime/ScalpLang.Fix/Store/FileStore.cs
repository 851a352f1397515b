using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Numerics;

namespace ScalpLang.Fix.Store;

public sealed class FileStoreOptions
{
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.EveryMessage;
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>A stored record longer than this is taken for corruption when the log is read back.</summary>
    public int MaxMessageSize { get; init; } = 1 << 20;
}

/// <summary>
/// A crash-safe store in two files per session. <c>.log</c> is append-only: one record per sent
/// application message (magic, MsgSeqNum, length, CRC-32C, bytes), written before the message
/// goes out. <c>.seq</c> holds the sequence numbers in two alternating slots, each with a
/// generation and a CRC, so a torn write leaves the other slot intact. On open the log is read
/// back; a record that is incomplete or fails its CRC (a write cut short by a crash) ends the
/// log and is truncated away. The next sender number is the larger of the slot's and one past
/// the last logged message, so a message logged just before a crash is never reused for a
/// different message. Writes bypass user-space buffers, so whatever a call wrote survives the
/// process being killed; <see cref="FsyncPolicy"/> decides what survives a power cut. The
/// <c>.seq</c> slots are written through a shared memory mapping: a store into the page cache with
/// no system call, as durable against kill -9 as a write (the kernel owns the page), and synced
/// like the log. On a loopback round trip that saves a write per message on each side.
/// </summary>
public sealed class FileStore : IMessageStore
{
    private const uint RecordMagic = 0x52584946; // "FIXR"
    private const int RecordHeader = 16;
    private const int SlotSize = 32;

    private readonly FileStream _log;
    private readonly FileStream _seq;
    private readonly MemoryMappedFile _seqMap;
    private readonly MemoryMappedViewAccessor _seqView;
    private readonly FileStoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly SortedList<int, (long Offset, int Length)> _index = [];
    private readonly byte[] _slot = new byte[SlotSize];
    private byte[] _scratch = new byte[512];
    private long _generation;
    private long _lastFsync;
    private long _logLength; // where the next record goes: the file's length, kept here to save an fstat per append
    private bool _dirty;

    private FileStore(FileStream log, FileStream seq, FileStoreOptions options, TimeProvider clock)
    {
        _log = log;
        _seq = seq;
        _options = options;
        _clock = clock;
        if (seq.Length < 2 * SlotSize)
            seq.SetLength(2 * SlotSize); // zeros: generation 0 is never a valid slot
        _seqMap = MemoryMappedFile.CreateFromFile(seq, null, 2 * SlotSize, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        try
        {
            _seqView = _seqMap.CreateViewAccessor(0, 2 * SlotSize);
        }
        catch
        {
            _seqMap.Dispose();
            throw;
        }
    }

    public int NextSenderMsgSeqNum { get; private set; } = 1;
    public int NextTargetMsgSeqNum { get; private set; } = 1;
    public DateTime CreationTime { get; private set; }

    /// <summary>Bytes of a torn or corrupt tail found (and cut off) when the store was opened; 0 normally.</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Opens (or creates) the store <paramref name="basePath"/>.log / .seq and recovers its state.</summary>
    public static FileStore Open(string basePath, FileStoreOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(basePath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        // bufferSize 0: every Write goes straight to the OS, so a killed process loses nothing it wrote.
        var log = new FileStream(basePath + ".log", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0);
        FileStream? seq = null;
        FileStore? store = null;
        try
        {
            seq = new FileStream(basePath + ".seq", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0);
            store = new FileStore(log, seq, options ?? new FileStoreOptions(), clock ?? TimeProvider.System);
            store.Recover();
            return store;
        }
        catch
        {
            if (store is not null)
                store.Dispose();
            else
            {
                seq?.Dispose();
                log.Dispose();
            }
            throw;
        }
    }

    public void SetNextSenderMsgSeqNum(int value)
    {
        NextSenderMsgSeqNum = value;
        WriteSlot();
    }

    public void SetNextTargetMsgSeqNum(int value)
    {
        NextTargetMsgSeqNum = value;
        WriteSlot();
    }

    public void Append(int msgSeqNum, ReadOnlySpan<byte> message)
    {
        var total = RecordHeader + message.Length;
        if (_scratch.Length < total)
            _scratch = new byte[Math.Max(total, _scratch.Length * 2)];
        var record = _scratch.AsSpan(0, total);
        BinaryPrimitives.WriteUInt32LittleEndian(record, RecordMagic);
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], msgSeqNum);
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], message.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], Crc(msgSeqNum, message));
        message.CopyTo(record[RecordHeader..]);
        var offset = _logLength;
        RandomAccess.Write(_log.SafeFileHandle, record, offset);
        _logLength = offset + total;
        _index[msgSeqNum] = (offset + RecordHeader, message.Length);
        // The log record itself says the sender number moved on; the slot is not rewritten here.
        NextSenderMsgSeqNum = Math.Max(NextSenderMsgSeqNum, msgSeqNum + 1);
        Synced(_log);
    }

    public void Get(int begin, int end, Action<int, ReadOnlyMemory<byte>> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (var (seq, (offset, length)) in _index)
        {
            if (seq > end)
                break;
            if (seq < begin)
                continue;
            var bytes = new byte[length];
            RandomAccess.Read(_log.SafeFileHandle, bytes, offset);
            visit(seq, bytes);
        }
    }

    public void Reset(DateTime now)
    {
        _index.Clear();
        _log.SetLength(0);
        _logLength = 0;
        NextSenderMsgSeqNum = 1;
        NextTargetMsgSeqNum = 1;
        CreationTime = now;
        _log.Flush(true);
        WriteSlot();
    }

    public void Dispose()
    {
        if (_dirty)
        {
            _log.Flush(true);
            _seqView.Flush();
            _seq.Flush(true);
        }
        _seqView.Dispose();
        _seqMap.Dispose();
        _log.Dispose();
        _seq.Dispose();
    }

    private void Recover()
    {
        ReadSlots();
        var handle = _log.SafeFileHandle;
        var length = _log.Length;
        long offset = 0;
        Span<byte> header = stackalloc byte[RecordHeader];
        while (offset + RecordHeader <= length)
        {
            RandomAccess.Read(handle, header, offset);
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var seq = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            var len = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            if (magic != RecordMagic || seq <= 0 || len < 0 || len > _options.MaxMessageSize || offset + RecordHeader + len > length)
                break;
            var body = new byte[len];
            RandomAccess.Read(handle, body, offset + RecordHeader);
            if (Crc(seq, body) != crc)
                break;
            _index[seq] = (offset + RecordHeader, len);
            NextSenderMsgSeqNum = Math.Max(NextSenderMsgSeqNum, seq + 1);
            offset += RecordHeader + len;
        }
        if (offset < length)
        {
            TruncatedBytes = length - offset;
            _log.SetLength(offset);
            _log.Flush(true);
        }
        _logLength = offset;
    }

    private void ReadSlots()
    {
        var found = false;
        Span<byte> slot = stackalloc byte[SlotSize];
        for (var i = 0; i < 2; i++)
        {
            if (_seq.Length < (i + 1) * SlotSize)
                break;
            RandomAccess.Read(_seq.SafeFileHandle, slot, i * SlotSize);
            var generation = BinaryPrimitives.ReadInt64LittleEndian(slot);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(slot[24..]);
            if (generation <= 0 || Crc(0, slot[..24]) != crc || (found && generation <= _generation))
                continue;
            found = true;
            _generation = generation;
            NextSenderMsgSeqNum = BinaryPrimitives.ReadInt32LittleEndian(slot[8..]);
            NextTargetMsgSeqNum = BinaryPrimitives.ReadInt32LittleEndian(slot[12..]);
            CreationTime = new DateTime(BinaryPrimitives.ReadInt64LittleEndian(slot[16..]), DateTimeKind.Utc);
        }
        if (!found)
        {
            CreationTime = _clock.GetUtcNow().UtcDateTime;
            WriteSlot();
        }
    }

    private void WriteSlot()
    {
        _generation++;
        var slot = _slot.AsSpan();
        slot.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(slot, _generation);
        BinaryPrimitives.WriteInt32LittleEndian(slot[8..], NextSenderMsgSeqNum);
        BinaryPrimitives.WriteInt32LittleEndian(slot[12..], NextTargetMsgSeqNum);
        BinaryPrimitives.WriteInt64LittleEndian(slot[16..], CreationTime.Ticks);
        BinaryPrimitives.WriteUInt32LittleEndian(slot[24..], Crc(0, slot[..24]));
        // Alternate slots: the previous generation stays readable if this write is torn.
        _seqView.WriteArray((_generation & 1) * SlotSize, _slot, 0, SlotSize);
        Synced(_seq);
    }

    private void Synced(FileStream file)
    {
        switch (_options.Fsync)
        {
            case FsyncPolicy.EveryMessage:
                if (file == _seq)
                    _seqView.Flush(); // msync: the slots are written through the mapping
                file.Flush(true);
                break;
            case FsyncPolicy.Interval:
                _dirty = true;
                var now = _clock.GetTimestamp();
                if (_clock.GetElapsedTime(_lastFsync, now) >= _options.FsyncInterval)
                {
                    _log.Flush(true);
                    _seqView.Flush();
                    _seq.Flush(true);
                    _lastFsync = now;
                    _dirty = false;
                }
                break;
            default:
                _dirty = true;
                break;
        }
    }

    private static uint Crc(int seq, ReadOnlySpan<byte> data)
    {
        var crc = BitOperations.Crc32C(0xFFFFFFFFu, (uint)seq);
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
