using System.Text;
using ScalpLang.Fix.Acceptance;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>
/// Hostile input over a real socket: garbled bytes, oversized messages, bad checksums, wrong
/// lengths and floods. The acceptor must neither crash nor hang, must not count garbled input
/// as messages (MsgSeqNum unchanged), and must still answer a TestRequest afterwards.
/// </summary>
public class RobustnessTests
{
    private const string Logon = "I8=FIX.4.4|35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|\nE8=FIX.4.4|9=61|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW|98=0|108=30|10=0|\n";

    private static ScriptStep Send(string text) => new(0, StepKind.Send, 1, text, TimeSpan.Zero);
    private static ScriptStep Expect(string pipeText) => new(0, StepKind.Expect, 1, pipeText.Replace('|', '\u0001'), TimeSpan.Zero);
    private static ScriptStep Connect() => new(0, StepKind.Connect, 1, "", TimeSpan.Zero);
    private static ScriptStep ExpectDisconnect() => new(0, StepKind.ExpectDisconnect, 1, "", TimeSpan.Zero);
    private static string Fix(string pipeText) => pipeText.Replace('|', '\u0001');

    private static string RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        // No accidental "8=F" in the junk: a real message start would change what the test means.
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '8' && bytes[i + 1] == '=')
                bytes[i] = (byte)'x';
        }
        return Encoding.Latin1.GetString(bytes);
    }

    // After the abuse: a TestRequest with the next number must get its Heartbeat with ours.
    private static IEnumerable<ScriptStep> StillAlive(int theirSeq, int ourSeq) =>
    [
        Send(Fix($"8=FIX.4.4|35=1|34={theirSeq}|49=TW|52=<TIME>|56=ISLD|112=ALIVE|")),
        Expect($"8=FIX.4.4|35=0|34={ourSeq}|49=ISLD|52=00000000-00:00:00.000|56=TW|112=ALIVE|"),
    ];

    private static IReadOnlyList<ScriptStep> LoggedOn(params IEnumerable<ScriptStep>[] parts) =>
        [.. AcceptanceScript.Parse("iCONNECT\n" + Fix(Logon), "logon"), .. parts.SelectMany(p => p)];

    [Fact]
    public async Task Garbage_before_logon_drops_the_connection_and_the_acceptor_goes_on()
    {
        await using var server = new LoopbackAcceptor();
        var result = await server.RunAsync([Connect(), Send(RandomBytes(5000, 1) + Fix("8=FIX.4.4|9=5|35=A|10=000|")), ExpectDisconnect()]);
        Assert.True(result.Passed, result.ToString());
        await server.WaitIdleAsync();
        var again = await server.RunAsync(LoggedOn(StillAlive(2, 2)));
        Assert.True(again.Passed, again.ToString());
    }

    [Fact]
    public async Task Garbled_bad_checksum_wrong_length_and_oversized_messages_are_dropped_without_consuming_numbers()
    {
        await using var server = new LoopbackAcceptor();
        var huge = new string('A', 100_000);
        var result = await server.RunAsync(LoggedOn(
            [
                Send(RandomBytes(64 * 1024, 2)),
                Send(Fix("8=FIX.4.4|35=0|34=2|49=TW|52=<TIME>|56=ISLD|10=001|")),                   // bad checksum
                Send(Fix("8=FIX.4.4|9=12|35=0|34=2|49=TW|52=<TIME>|56=ISLD|")),                     // BodyLength too short
                Send(Fix("8=FIX.4.4|9=abc|35=0|34=2|49=TW|52=<TIME>|56=ISLD|10=000|")),             // BodyLength not a number
                Send(Fix($"8=FIX.4.4|35=0|34=2|49=TW|52=<TIME>|56=ISLD|58={huge}|")),               // over MaxMessageSize
                Send(Fix("8=FIX.4.4|9=999999999|35=0|34=2|")),                                      // absurd declared length
                Send(Fix("8=FIX.4.4|35=0|34=2|49=TW|52=<TIME>|56=ISLD|999999999999=X|")),          // tag beyond int: garbled
                Send(Fix("8=FIX.4.4|35=0|34=2|49=TW|52=<TIME>|56=ISLD|5000=X|")),                  // well formed, unknown tag: a Reject
                Expect("8=FIX.4.4|35=3|34=2|49=ISLD|52=00000000-00:00:00.000|56=TW|45=2|58=Invalid tag number|371=5000|372=0|373=0|"),
            ],
            StillAlive(3, 3)));
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task A_flood_of_twenty_thousand_heartbeats_is_processed_in_order()
    {
        await using var server = new LoopbackAcceptor();
        var flood = new StringBuilder();
        var now = DateTime.UtcNow.ToString("yyyyMMdd-HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        for (var seq = 2; seq < 20_002; seq++)
            flood.Append(Encoding.Latin1.GetString(AcceptanceMessage.Decorate(Fix($"8=FIX.4.4|35=0|34={seq}|49=TW|52={now}|56=ISLD|"), DateTime.UtcNow)));
        var result = await server.RunAsync(LoggedOn([Send(flood.ToString())], StillAlive(20_002, 2)), readTimeoutSeconds: 30);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(20_003, server.Session.NextTargetMsgSeqNum);
    }

    [Fact]
    public async Task A_flood_of_garbage_does_not_stop_the_session()
    {
        await using var server = new LoopbackAcceptor();
        var steps = Enumerable.Range(0, 16).Select(i => Send(RandomBytes(512 * 1024, 100 + i)));
        var result = await server.RunAsync(LoggedOn(steps, StillAlive(2, 2)), readTimeoutSeconds: 30);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public async Task A_flood_of_messages_beyond_a_gap_ends_in_a_logout_not_unbounded_memory()
    {
        await using var server = new LoopbackAcceptor(s => s with { MaxQueuedMessages = 1000 });
        var flood = new StringBuilder();
        var now = DateTime.UtcNow;
        for (var seq = 3; seq < 1100; seq++)
            flood.Append(Encoding.Latin1.GetString(AcceptanceMessage.Decorate(Fix($"8=FIX.4.4|35=0|34={seq}|49=TW|52=<TIME>|56=ISLD|"), now)));
        var result = await server.RunAsync(LoggedOn(
            [
                Send(flood.ToString()),
                Expect("8=FIX.4.4|35=2|34=2|49=ISLD|52=00000000-00:00:00.000|56=TW|7=2|16=0|"),
                Expect("8=FIX.4.4|35=5|34=3|49=ISLD|52=00000000-00:00:00.000|56=TW|58=Too many messages ahead of a sequence gap|"),
                ExpectDisconnect(),
            ]), readTimeoutSeconds: 30);
        Assert.True(result.Passed, result.ToString());
    }
}
