using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Store;

namespace ScalpLang.Fix.Tests.Session;

/// <summary>
/// A session on a file store dies mid-session (no Logout, no Dispose) and a new process opens a
/// snapshot of its files, as after kill -9: sequence numbers carry on, the counterparty's
/// ResendRequest gets every order exactly once (PossDup), and no number is used twice.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void After_a_crash_the_session_resumes_numbers_and_resends_each_order_once()
    {
        var path = _folder.File("session");
        var first = new SessionHarness(store: FileStore.Open(path, new FileStoreOptions { Fsync = FsyncPolicy.Never }));
        first.Logon();
        var writer = new FixMessageWriter();
        for (var i = 1; i <= 3; i++)
            Assert.True(first.Session.Send(writer.Begin("FIX.4.4", "D").Field(11, "ORD" + i).Field(54, '1')));
        first.Receive("0", 2);
        Assert.Equal(["2", "3", "4"], Enumerable.Range(0, 3).Select(_ => SessionHarness.Field(first.Next(), 34)));
        // kill -9: the files as the OS holds them are all a new process gets.
        var copy = _folder.File("restarted");
        StoreTests.Snapshot(path + ".log", copy + ".log");
        StoreTests.Snapshot(path + ".seq", copy + ".seq");

        using var store = FileStore.Open(copy);
        Assert.Equal((5, 3), (store.NextSenderMsgSeqNum, store.NextTargetMsgSeqNum));
        var second = new SessionHarness(store: store);
        second.Logon(seq: 3);
        Assert.Equal(6, second.Session.NextSenderMsgSeqNum); // the Logon reply took 5
        // The counterparty missed everything after our Logon (1): it asks from 2.
        second.Receive("2", 4, "7=2|16=0|");
        var resent = new List<string>();
        while (second.Transport.Sent.Count > 0)
            resent.Add(SessionHarness.Body(second.Next()));
        Assert.Equal(
            [
                "35=D|34=2|43=Y|11=ORD1|54=1",
                "35=D|34=3|43=Y|11=ORD2|54=1",
                "35=D|34=4|43=Y|11=ORD3|54=1",
                "35=4|34=5|43=Y|36=6|123=Y",
            ],
            resent);
        // A new order continues the numbering; an old number from the counterparty is too low.
        Assert.True(second.Session.Send(writer.Begin("FIX.4.4", "D").Field(11, "ORD4").Field(54, '1')));
        Assert.Equal("6", SessionHarness.Field(second.Next(), 34));
        second.Receive("0", 2);
        Assert.Equal("MsgSeqNum too low, expecting 5 but received 2", SessionHarness.Field(second.Next(), 58));
        first.Session.Store.Dispose();
    }
}
