using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Tests.Session;

/// <summary>The session state machine without sockets: a hand-moved clock and a recording transport.</summary>
public class SessionTests
{
    private const string Order = "11=ORD1|21=1|38=100|40=1|54=1|55=AAPL|60=20261125-14:30:00|";

    [Fact]
    public void Acceptor_answers_a_logon_with_the_initiators_heartbeat_interval()
    {
        var h = new SessionHarness();
        h.Connect();
        h.Receive("A", 1, "98=0|108=17|");
        Assert.Equal("35=A|34=1|98=0|108=17", SessionHarness.Body(h.Next()));
        Assert.True(h.Session.IsLoggedOn);
        Assert.Equal(17, h.Session.HeartBtInt);
        Assert.Equal(1, h.App.Logons);
        Assert.Equal(2, h.Session.NextTargetMsgSeqNum);
        Assert.Equal(2, h.Session.NextSenderMsgSeqNum);
    }

    [Fact]
    public void A_first_message_that_is_not_a_logon_drops_the_connection_without_a_reply()
    {
        var h = new SessionHarness();
        h.Connect();
        h.Receive("0", 1);
        h.NothingSent();
        Assert.Equal("first message is not a Logon", h.Transport.DisconnectReason);
        Assert.False(h.Session.IsConnected);
    }

    [Fact]
    public void A_logout_in_answer_to_our_logon_is_reported_with_its_reason()
    {
        var h = new SessionHarness();
        h.Connect();
        h.Receive("5", 1, "58=unknown CompID|");
        h.NothingSent();
        Assert.Equal("logon refused: unknown CompID", h.Transport.DisconnectReason);
        Assert.Contains("Disconnected: logon refused: unknown CompID", h.App.Events);
    }

    [Theory]
    [InlineData("WT", "ISLD", null)]
    [InlineData("TW", "DLSI", null)]
    [InlineData("TW", "ISLD", "20010101-00:00:00")]
    public void An_invalid_logon_drops_the_connection_without_a_reply(string sender, string target, string? sendingTime)
    {
        var h = new SessionHarness();
        h.Connect();
        h.Receive("A", 1, "98=0|108=30|", sender, target, sendingTime);
        h.NothingSent();
        Assert.NotNull(h.Transport.DisconnectReason);
    }

    [Fact]
    public void Heartbeat_after_an_idle_interval_then_TestRequest_then_timeout()
    {
        var h = new SessionHarness();
        h.Logon(heartBtInt: 10);
        h.Advance(9.9);
        h.NothingSent();
        h.Advance(0.1);
        Assert.Equal("35=0|34=2", SessionHarness.Body(h.Next()));
        h.Advance(2); // 12 s since the counterparty last spoke: 1.2 x 10
        Assert.Equal("35=1|34=3|112=TEST", SessionHarness.Body(h.Next()));
        h.Advance(10); // a TestRequest is outstanding: no heartbeat even after 10 s of our silence
        h.NothingSent();
        h.Advance(2); // 24 s: 2.4 x 10
        Assert.Equal("Timed out waiting for heartbeat", h.Transport.DisconnectReason);
        Assert.Equal(1, h.App.Logouts);
    }

    [Fact]
    public void An_answered_TestRequest_clears_the_timeout()
    {
        var h = new SessionHarness();
        h.Logon(heartBtInt: 10);
        h.Advance(12);
        h.Next(); // heartbeat at 10 s is skipped by the single tick: the TestRequest wins
        h.Receive("0", 2, "112=TEST|");
        h.Advance(13);
        Assert.Null(h.Transport.DisconnectReason);
    }

    [Fact]
    public void A_gap_is_requested_once_and_the_early_messages_are_processed_after_the_fill()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("D", 4, "11=A|21=1|38=1|40=1|54=1|55=X|60=20261125-14:30:00|");
        Assert.Equal("35=2|34=2|7=2|16=0", SessionHarness.Body(h.Next()));
        h.Receive("D", 5, "11=B|21=1|38=1|40=1|54=1|55=X|60=20261125-14:30:00|");
        h.NothingSent(); // the ResendRequest already covers it
        Assert.Empty(h.App.Received);
        h.Receive("4", 2, "43=Y|122=" + h.Time + "|36=3|123=Y|");
        Assert.Empty(h.App.Received);
        h.Receive("D", 3, "43=Y|122=" + h.Time + "|11=C|21=1|38=1|40=1|54=1|55=X|60=20261125-14:30:00|");
        Assert.Equal(["C", "A", "B"], h.App.Received.Select(m => SessionHarness.Field(m, 11)));
        Assert.Equal(6, h.Session.NextTargetMsgSeqNum);
    }

    [Fact]
    public void A_ResendRequest_is_answered_with_stored_orders_and_gap_fills_for_session_messages()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("1", 2, "112=X|");
        h.Next(); // heartbeat 2
        var writer = new FixMessageWriter();
        Assert.True(h.Session.Send(writer.Begin("FIX.4.4", "D").Field(11, "ORD1").Field(54, '1')));
        var original = h.Next();
        Assert.Equal("35=D|34=3|11=ORD1|54=1", SessionHarness.Body(original));
        h.Receive("1", 3, "112=Y|");
        h.Next(); // heartbeat 4
        h.Clock.Now = h.Clock.Now.AddSeconds(5);
        h.Receive("2", 4, "7=1|16=0|");
        Assert.Equal("35=4|34=1|43=Y|36=3|123=Y", SessionHarness.Body(h.Next()));
        var resent = h.Next();
        Assert.Equal("35=D|34=3|43=Y|11=ORD1|54=1", SessionHarness.Body(resent));
        Assert.Equal(SessionHarness.Field(original, 52), SessionHarness.Field(resent, 122));
        Assert.NotEqual(SessionHarness.Field(original, 52), SessionHarness.Field(resent, 52));
        Assert.Equal("35=4|34=4|43=Y|36=5|123=Y", SessionHarness.Body(h.Next()));
        h.NothingSent();
        Assert.Equal(5, h.Session.NextSenderMsgSeqNum); // resends reuse their numbers
    }

    [Fact]
    public void MsgSeqNum_too_low_without_PossDup_logs_out_with_QuickFIX_text()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("0", 2);
        h.Receive("0", 2);
        Assert.Equal("35=5|34=2|58=MsgSeqNum too low, expecting 3 but received 2", SessionHarness.Body(h.Next()));
        Assert.StartsWith("MsgSeqNum too low", h.Transport.DisconnectReason);
    }

    [Fact]
    public void PossDup_with_OrigSendingTime_after_SendingTime_is_rejected_and_logged_out()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("0", 2);
        var later = h.Clock.Now.AddSeconds(5).UtcDateTime.ToString("yyyyMMdd-HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        h.Receive("0", 2, $"43=Y|122={later}|");
        Assert.Equal("35=3|34=2|45=2|58=SendingTime accuracy problem|372=0|373=10", SessionHarness.Body(h.Next()));
        Assert.Equal("35=5|34=3", SessionHarness.Body(h.Next()));
    }

    [Fact]
    public void Dictionary_problems_are_rejected_with_QuickFIX_reason_and_text_and_consume_the_number()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("D", 2, "11=A|21=1|38=+1|40=1|54=1|55=X|60=20261125-14:30:00|");
        Assert.Equal("35=3|34=2|45=2|58=Incorrect data format for value|371=38|372=D|373=6", SessionHarness.Body(h.Next()));
        Assert.Equal(3, h.Session.NextTargetMsgSeqNum);
        Assert.Empty(h.App.Received);
    }

    [Fact]
    public void An_unsupported_application_message_gets_a_BusinessMessageReject_with_reversed_routing()
    {
        var h = new SessionHarness();
        h.Logon();
        h.ReceiveRaw($"8=FIX.4.4|35=8|34=2|49=TW|52={h.Time}|56=ISLD|115=DESK|37=O|17=E|150=0|39=0|55=X|54=1|151=0|14=0|6=0|");
        Assert.Equal("35=j|34=2|128=DESK|45=2|58=Unsupported Message Type|372=8|380=3", SessionHarness.Body(h.Next()));
        Assert.Equal(3, h.Session.NextTargetMsgSeqNum);
    }

    [Fact]
    public void SequenceReset_to_a_lower_number_is_rejected()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Receive("0", 2);
        h.Receive("4", 0, "36=2|");
        Assert.Equal("35=3|34=2|45=0|58=Value is incorrect (out of range) for this tag|371=36|372=4|373=5", SessionHarness.Body(h.Next()));
        Assert.Equal(3, h.Session.NextTargetMsgSeqNum);
    }

    [Fact]
    public void Our_Logout_is_answered_or_times_out()
    {
        var h = new SessionHarness();
        h.Logon();
        h.Session.Logout("bye");
        Assert.Equal("35=5|34=2|58=bye", SessionHarness.Body(h.Next()));
        h.Advance(1.9);
        Assert.True(h.Session.IsConnected);
        h.Advance(0.1);
        Assert.Equal("no Logout reply within LogoutTimeout", h.Transport.DisconnectReason);
    }

    [Fact]
    public void A_flood_of_early_messages_beyond_the_queue_limit_logs_out()
    {
        var h = new SessionHarness(SessionHarness.Acceptor() with { MaxQueuedMessages = 100 });
        h.Logon();
        for (var seq = 3; seq < 103; seq++)
            h.Receive("0", seq);
        Assert.Equal("2", SessionHarness.Field(h.Next(), 35));
        Assert.True(h.Session.IsConnected);
        h.Receive("0", 103);
        Assert.Equal("35=5|34=3|58=Too many messages ahead of a sequence gap", SessionHarness.Body(h.Next()));
        Assert.False(h.Session.IsConnected);
    }

    [Fact]
    public void Garbled_input_is_ignored_after_logon_and_fatal_before()
    {
        var h = new SessionHarness();
        h.Connect();
        h.Session.ReceiveGarbled(new FixParseError(FixErrorCode.CheckSumMismatch, 0));
        Assert.NotNull(h.Transport.DisconnectReason);
        var g = new SessionHarness();
        g.Logon();
        g.Session.ReceiveGarbled(new FixParseError(FixErrorCode.CheckSumMismatch, 0));
        Assert.True(g.Session.IsLoggedOn);
        Assert.Equal(2, g.Session.NextTargetMsgSeqNum);
    }

    [Fact]
    public void Initiator_logs_on_with_reset_and_credentials_and_accepts_the_reply()
    {
        var h = new SessionHarness(SessionHarness.Initiator() with { ResetOnLogon = true, Username = "alice", Password = "s3cret" });
        h.Connect();
        Assert.Equal("35=A|34=1|98=0|108=30|141=Y|553=alice|554=s3cret", SessionHarness.Body(h.Next()));
        Assert.False(h.Session.IsLoggedOn);
        h.ReceiveRaw($"8=FIX.4.4|35=A|34=1|49=ISLD|52={h.Time}|56=TW|98=0|108=30|141=Y|");
        h.NothingSent();
        Assert.True(h.Session.IsLoggedOn);
        Assert.Equal(2, h.Session.NextSenderMsgSeqNum);
    }

    [Theory]
    [InlineData("553=alice|554=wrong|", false)]
    [InlineData("553=bob|554=s3cret|", false)]
    [InlineData("", false)]
    [InlineData("553=alice|554=s3cret|", true)]
    public void Acceptor_checks_username_and_password(string credentials, bool accepted)
    {
        var h = new SessionHarness(SessionHarness.Acceptor() with { Username = "alice", Password = "s3cret" });
        h.Connect();
        h.Receive("A", 1, "98=0|108=30|" + credentials);
        var reply = h.Next();
        Assert.Equal(accepted ? "A" : "5", SessionHarness.Field(reply, 35));
        Assert.Equal(accepted, h.Session.IsLoggedOn);
        if (!accepted)
            Assert.Equal("Invalid username or password", SessionHarness.Field(reply, 58));
    }

    [Fact]
    public void The_application_can_refuse_a_logon()
    {
        var h = new SessionHarness();
        h.App.RefuseLogonWith = "not today";
        h.Connect();
        h.Receive("A", 1, "98=0|108=30|");
        Assert.Equal("not today", SessionHarness.Field(h.Next(), 58));
        Assert.False(h.Session.IsConnected);
    }

    [Fact]
    public void A_logon_outside_the_schedule_is_dropped()
    {
        var schedule = new SessionSchedule(new TimeOnly(8, 0), new TimeOnly(9, 0));
        var h = new SessionHarness(SessionHarness.Acceptor() with { Schedule = schedule });
        h.Connect();
        h.Receive("A", 1, "98=0|108=30|"); // the harness clock says 14:30
        h.NothingSent();
        Assert.Equal("Logon outside the session schedule", h.Transport.DisconnectReason);
    }

    [Fact]
    public void Orders_sent_while_disconnected_are_numbered_stored_and_resent_on_request()
    {
        var h = new SessionHarness(SessionHarness.Acceptor());
        h.Logon();
        h.Transport.Disconnect("test");
        h.Session.Disconnected(h.Transport);
        Assert.False(h.Session.Send(new FixMessageWriter().Begin("FIX.4.4", "D").Field(11, "OFFLINE")));
        h.Connect();
        h.Receive("A", 2, "98=0|108=30|");
        Assert.Equal("35=A|34=3|98=0|108=30", SessionHarness.Body(h.Next()));
        h.Receive("2", 3, "7=2|16=0|");
        Assert.Equal("35=D|34=2|43=Y|11=OFFLINE", SessionHarness.Body(h.Next()));
        Assert.Equal("35=4|34=3|43=Y|36=4|123=Y", SessionHarness.Body(h.Next()));
    }
}

public class Fix42SessionTests
{
    [Fact]
    public void Fix42_session_treats_EndSeqNo_999999_as_infinity()
    {
        var settings = SessionHarness.Acceptor() with { Id = new SessionId("FIX.4.2", "ISLD", "TW") };
        var h = new SessionHarness(settings, dictionary: Dictionaries.FixDictionary.Fix42);
        h.Connect();
        h.ReceiveRaw($"8=FIX.4.2|35=A|34=1|49=TW|52={h.Time}|56=ISLD|98=0|108=30|");
        Assert.StartsWith("8=FIX.4.2|", h.Next(), StringComparison.Ordinal);
        h.ReceiveRaw($"8=FIX.4.2|35=1|34=2|49=TW|52={h.Time}|56=ISLD|112=A|");
        h.Next();
        h.ReceiveRaw($"8=FIX.4.2|35=2|34=3|49=TW|52={h.Time}|56=ISLD|7=1|16=999999|");
        Assert.Equal("35=4|34=1|43=Y|36=3|123=Y", SessionHarness.Body(h.Next()));
        h.NothingSent();
    }

    [Fact]
    public void A_message_of_another_BeginString_after_logon_gets_QuickFIX_Logout_text()
    {
        var h = new SessionHarness();
        h.Logon();
        h.ReceiveRaw($"8=FIX.4.2|35=0|34=2|49=TW|52={h.Time}|56=ISLD|");
        Assert.Equal("35=5|34=2|58=Incorrect BeginString (FIX.4.2)", SessionHarness.Body(h.Next()));
    }
}
