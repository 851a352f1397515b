using System.Text;
using ScalpLang.Fix.Acceptance;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>The acceptance runner itself: it must fail on a wrong message, on silence and on a connection left open.</summary>
public class RunnerTests
{
    private const string Logon = "iCONNECT\nI8=FIX.4.4|35=A|34=1|49=TW|52=<TIME>|56=ISLD|98=0|108=30|\n";

    [Fact]
    public async Task A_field_that_differs_fails_the_step_and_names_the_line()
    {
        await using var server = new LoopbackAcceptor();
        var result = await server.RunAsync(Logon + "E8=FIX.4.4|9=61|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW|98=0|108=31|10=0|\n");
        Assert.False(result.Passed);
        Assert.Equal(3, result.FailedLine);
        Assert.StartsWith("tag 108: expected '31', received '30'", result.Failure);
    }

    [Fact]
    public async Task A_wrong_BodyLength_fails_even_when_every_field_matches()
    {
        await using var server = new LoopbackAcceptor();
        var result = await server.RunAsync(Logon + "E8=FIX.4.4|9=60|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW|98=0|108=30|10=0|\n");
        Assert.False(result.Passed);
        Assert.StartsWith("tag 9: expected '60', received '61'", result.Failure);
    }

    [Fact]
    public async Task Silence_fails_after_the_read_timeout_instead_of_hanging()
    {
        await using var server = new LoopbackAcceptor();
        var script = Logon + "E8=FIX.4.4|9=61|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW|98=0|108=30|10=0|\nE8=FIX.4.4|35=0|34=2|49=ISLD|52=00000000-00:00:00.000|56=TW|\n";
        var result = await server.RunAsync(script, readTimeoutSeconds: 1);
        Assert.False(result.Passed);
        Assert.EndsWith("nothing arrived within 1 s", result.Failure);
        Assert.InRange(result.Elapsed.TotalSeconds, 0.9, 5);
    }

    [Fact]
    public async Task An_expected_disconnect_that_does_not_happen_fails()
    {
        await using var server = new LoopbackAcceptor();
        var result = await server.RunAsync(Logon + "E8=FIX.4.4|9=61|35=A|34=1|49=ISLD|52=00000000-00:00:00.000|56=TW|98=0|108=30|10=0|\neDISCONNECT\n", readTimeoutSeconds: 1);
        Assert.False(result.Passed);
        Assert.Equal("expected a disconnect, the connection is still open after 1 s", result.Failure);
    }

    [Fact]
    public void Decoration_inserts_BodyLength_and_CheckSum_and_keeps_explicit_ones()
    {
        var now = new DateTime(2026, 11, 25, 14, 30, 0, DateTimeKind.Utc);
        var decorated = Encoding.Latin1.GetString(AcceptanceMessage.Decorate("8=FIX.4.4\u000135=0\u000152=<TIME-121>\u0001", now));
        Assert.Equal("8=FIX.4.4\u00019=26\u000135=0\u000152=20261125-14:27:59\u000110=235\u0001", decorated);
        var verbatim = "8=FIX.4.4\u00019=5\u000135=0\u000110=256\u0001";
        Assert.Equal(verbatim, Encoding.Latin1.GetString(AcceptanceMessage.Decorate(verbatim, now)));
        Assert.Equal("35=0", Encoding.Latin1.GetString(AcceptanceMessage.Decorate("35=0", now)));
    }

    [Fact]
    public void Script_lines_are_parsed_with_connection_numbers_and_sleeps()
    {
        var steps = AcceptanceScript.Parse("# c\n\ni2,CONNECT\nI2,8=FIX.4.4|35=0|\nE8=X\nsleep(0.5)\ne2,DISCONNECT\niDISCONNECT\n", "t.def");
        Assert.Equal(
            [(3, StepKind.Connect, 2), (4, StepKind.Send, 2), (5, StepKind.Expect, 1), (6, StepKind.Sleep, 0), (7, StepKind.ExpectDisconnect, 2), (8, StepKind.Disconnect, 1)],
            steps.Select(s => (s.Line, s.Kind, s.Connection)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), steps[3].Sleep);
        var e = Assert.Throws<FormatException>(() => AcceptanceScript.Parse("iCONNECT\nbogus\n", "t.def"));
        Assert.Equal("t.def:2: not a script step: bogus", e.Message);
    }
}
