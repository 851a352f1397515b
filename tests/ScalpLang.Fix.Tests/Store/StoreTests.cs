using System.Text;
using ScalpLang.Fix.Store;

namespace ScalpLang.Fix.Tests.Store;

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scalp-fix-store-" + Guid.NewGuid().ToString("N"));
    public TempFolder() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Both stores against one contract, then the file store's recovery after crashes and torn writes.</summary>
public sealed class StoreTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 25, 14, 30, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Kinds => new() { "memory", "file-every", "file-interval", "file-never" };

    private IMessageStore Open(string kind, string name = "s") => kind switch
    {
        "memory" => new MemoryStore(T0),
        "file-every" => FileStore.Open(_folder.File(name), new FileStoreOptions { Fsync = FsyncPolicy.EveryMessage }),
        "file-interval" => FileStore.Open(_folder.File(name), new FileStoreOptions { Fsync = FsyncPolicy.Interval }),
        _ => FileStore.Open(_folder.File(name), new FileStoreOptions { Fsync = FsyncPolicy.Never }),
    };

    private static byte[] Msg(int seq) => Encoding.ASCII.GetBytes($"8=FIX.4.4\u00019=5\u000135=D\u000134={seq}\u000111=ORD{seq}\u000110=000\u0001");

    private static List<(int, string)> All(IMessageStore store, int begin = 1, int end = int.MaxValue)
    {
        var list = new List<(int, string)>();
        store.Get(begin, end, (seq, bytes) => list.Add((seq, Encoding.ASCII.GetString(bytes.Span))));
        return list;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Store_contract(string kind)
    {
        using var store = Open(kind);
        Assert.Equal((1, 1), (store.NextSenderMsgSeqNum, store.NextTargetMsgSeqNum));
        store.Append(1, Msg(1));
        store.SetNextSenderMsgSeqNum(3); // 2 was a heartbeat
        store.Append(3, Msg(3));
        store.SetNextTargetMsgSeqNum(7);
        Assert.Equal(4, store.NextSenderMsgSeqNum);
        Assert.Equal(7, store.NextTargetMsgSeqNum);
        Assert.Equal([1, 3], All(store).Select(m => m.Item1));
        Assert.Equal([3], All(store, 2, 3).Select(m => m.Item1));
        Assert.Equal(Encoding.ASCII.GetString(Msg(3)), All(store, 3, 3)[0].Item2);
        store.Reset(T0.AddDays(1));
        Assert.Equal((1, 1), (store.NextSenderMsgSeqNum, store.NextTargetMsgSeqNum));
        Assert.Empty(All(store));
        Assert.Equal(T0.AddDays(1), store.CreationTime);
    }

    [Theory]
    [InlineData(FsyncPolicy.EveryMessage)]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Never)]
    public void A_file_store_abandoned_without_dispose_reopens_with_everything_it_wrote(FsyncPolicy policy)
    {
        var path = _folder.File("crash");
        var store = FileStore.Open(path, new FileStoreOptions { Fsync = policy });
        for (var seq = 1; seq <= 50; seq++)
        {
            store.Append(seq, Msg(seq));
            store.SetNextTargetMsgSeqNum(seq + 1);
        }
        // No Dispose: the process "dies" here. Snapshot the files as the OS holds them now (what a
        // restarted process would find after kill -9) and open the snapshot.
        var copy = _folder.File("crash-copy");
        Snapshot(path + ".log", copy + ".log");
        Snapshot(path + ".seq", copy + ".seq");
        using var reopened = FileStore.Open(copy, new FileStoreOptions { Fsync = policy });
        Assert.Equal(51, reopened.NextSenderMsgSeqNum);
        Assert.Equal(51, reopened.NextTargetMsgSeqNum);
        Assert.Equal(Enumerable.Range(1, 50), All(reopened).Select(m => m.Item1));
        Assert.Equal(0, reopened.TruncatedBytes);
        store.Dispose();
    }

    internal static void Snapshot(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var target = File.Create(to);
        source.CopyTo(target);
    }

    [Theory]
    [InlineData(1)]   // cut inside the record header
    [InlineData(20)]  // cut inside the message bytes
    [InlineData(-1)]  // whole record, one flipped byte (CRC mismatch)
    public void A_torn_final_record_is_ignored_and_cut_off(int keepOfLastRecord)
    {
        var path = _folder.File("torn");
        long before;
        using (var store = FileStore.Open(path))
        {
            store.Append(1, Msg(1));
            store.Append(2, Msg(2));
            before = new FileInfo(path + ".log").Length;
            store.Append(3, Msg(3));
        }
        var log = path + ".log";
        if (keepOfLastRecord >= 0)
        {
            using var f = new FileStream(log, FileMode.Open);
            f.SetLength(before + keepOfLastRecord);
        }
        else
        {
            var bytes = File.ReadAllBytes(log);
            bytes[^3] ^= 0xFF;
            File.WriteAllBytes(log, bytes);
        }
        using (var reopened = FileStore.Open(path))
        {
            Assert.Equal([1, 2], All(reopened).Select(m => m.Item1));
            Assert.True(reopened.TruncatedBytes > 0);
            Assert.Equal(before, new FileInfo(log).Length);
            reopened.Append(3, Msg(3)); // the log goes on cleanly after the cut
        }
        using var again = FileStore.Open(path);
        Assert.Equal([1, 2, 3], All(again).Select(m => m.Item1));
        Assert.Equal(0, again.TruncatedBytes);
    }

    [Fact]
    public void A_torn_sequence_slot_falls_back_to_the_other_slot()
    {
        var path = _folder.File("slots");
        using (var store = FileStore.Open(path))
        {
            store.SetNextTargetMsgSeqNum(10);
            store.SetNextTargetMsgSeqNum(11);
        }
        // Corrupt whichever slot holds the newest generation: the previous value must come back.
        var seq = File.ReadAllBytes(path + ".seq");
        var newest = BitConverter.ToInt64(seq, 0) > BitConverter.ToInt64(seq, 32) ? 0 : 32;
        seq[newest + 12] ^= 0x55;
        File.WriteAllBytes(path + ".seq", seq);
        using var reopened = FileStore.Open(path);
        Assert.Equal(10, reopened.NextTargetMsgSeqNum);
    }

    [Fact]
    public void Garbage_log_files_never_crash_the_store()
    {
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            var path = _folder.File("garbage" + i);
            var junk = new byte[random.Next(0, 4000)];
            random.NextBytes(junk);
            File.WriteAllBytes(path + ".log", junk);
            File.WriteAllBytes(path + ".seq", junk.AsSpan(0, Math.Min(junk.Length, 64)).ToArray());
            using var store = FileStore.Open(path);
            Assert.Empty(All(store));
            Assert.Equal((1, 1), (store.NextSenderMsgSeqNum, store.NextTargetMsgSeqNum));
            store.Append(1, Msg(1));
            Assert.Equal([1], All(store).Select(m => m.Item1));
        }
    }

    [Fact]
    public void The_next_sender_number_covers_a_message_logged_just_before_a_crash()
    {
        var path = _folder.File("ahead");
        var store = FileStore.Open(path);
        store.SetNextSenderMsgSeqNum(5);
        store.Append(5, Msg(5)); // logged; the slot still says 5
        var copy = _folder.File("ahead-copy");
        Snapshot(path + ".log", copy + ".log");
        Snapshot(path + ".seq", copy + ".seq");
        using var reopened = FileStore.Open(copy);
        Assert.Equal(6, reopened.NextSenderMsgSeqNum);
        store.Dispose();
    }
}
