using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Infrastructure;

namespace ScalpLang.Fix.Tests.Session;

public class SettingsTests
{
    [SharedFact("fix/acceptance/cfg/at_44.cfg")]
    public void The_shared_acceptance_cfg_reads_as_QuickFIX_means_it()
    {
        var s = SessionSettingsFile.Load(RepoPaths.SharedFile("fix/acceptance/cfg/at_44.cfg")).Single();
        Assert.Equal(new SessionId("FIX.4.4", "ISLD", "TW"), s.Id);
        Assert.Equal(ConnectionType.Acceptor, s.ConnectionType);
        Assert.Equal(5005, s.SocketAcceptPort);
        Assert.True(s.ResetOnLogon);
        Assert.Equal(@"spec\fix\FIX44.xml", s.DataDictionary);
        Assert.Equal("store", s.FileStorePath);
        Assert.True(s.Schedule.IsInSession(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(s.Schedule.IsInSession(new DateTime(2026, 1, 1, 23, 59, 59, DateTimeKind.Utc)));
        Assert.Equal("Y", s.Raw["Verbose"]);
    }

    [Fact]
    public void Sessions_inherit_DEFAULT_and_override_it()
    {
        const string text = """
            # comment
            [DEFAULT]
            ConnectionType=initiator
            SenderCompID=ME
            SocketConnectHost=127.0.0.1
            SocketConnectPort=9000
            HeartBtInt=20
            FsyncPolicy=interval
            FsyncIntervalMs=250
            [SESSION]
            BeginString=FIX.4.2
            TargetCompID=A
            [SESSION]
            BeginString=FIX.4.4
            TargetCompID=B
            HeartBtInt=5
            StartTime=08:00:00
            EndTime=17:00:00
            """;
        var sessions = SessionSettingsFile.Parse(text, "x.cfg");
        Assert.Equal(2, sessions.Count);
        Assert.Equal(20, sessions[0].HeartBtInt);
        Assert.Equal(5, sessions[1].HeartBtInt);
        Assert.Equal(FsyncPolicy.Interval, sessions[1].FsyncPolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(250), sessions[1].FsyncInterval);
        Assert.True(sessions[0].Schedule.IsAlways);
        Assert.False(sessions[1].Schedule.IsInSession(new DateTime(2026, 1, 1, 7, 59, 59, DateTimeKind.Utc)));
        Assert.True(sessions[1].Schedule.IsInSession(new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("x.cfg:13", sessions[1].Source);
    }

    [Theory]
    [InlineData("[DEFAULT]\nConnectionType=acceptor\n[SESSION]\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nResetOnLogon=maybe\n", "x.cfg:7: ResetOnLogon: 'maybe' is not Y or N")]
    [InlineData("[SESSION]\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n", "x.cfg:1: session is missing ConnectionType")]
    [InlineData("ConnectionType=acceptor\n", "x.cfg:1: 'ConnectionType=acceptor' comes before any [DEFAULT] or [SESSION] section")]
    [InlineData("[SESSIONS]\n", "x.cfg:1: unknown section [SESSIONS] (expected [DEFAULT] or [SESSION])")]
    [InlineData("[DEFAULT]\nConnectionType=acceptor\n", "x.cfg:2: no [SESSION] section")]
    [InlineData("[SESSION]\nConnectionType=acceptor\nConnectionType=initiator\n", "x.cfg:3: ConnectionType is set twice in this section (first on line 2)")]
    [InlineData("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nHeartBtInt=-3\n", "x.cfg:6: HeartBtInt: '-3' is not an integer in [1, 3600]")]
    [InlineData("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nStartTime=25:00:00\nEndTime=01:00:00\n", "x.cfg:6: StartTime: '25:00:00' is not a time HH:MM:SS")]
    [InlineData("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.1\nSenderCompID=A\nTargetCompID=B\n", "x.cfg:3: BeginString: 'FIX.4.1' is not supported (FIX.4.2 or FIX.4.4)")]
    [InlineData("[SESSION]\nConnectionType=initiator\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n", "x.cfg:1: initiator session FIX.4.4:A->B needs SocketConnectHost and SocketConnectPort")]
    [InlineData("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\n", "x.cfg:6: session FIX.4.4:A->B is defined twice (also at line 1)")]
    [InlineData("[SESSION]\nConnection Type\n", "x.cfg:2: expected Key=Value, found 'Connection Type'")]
    public void Bad_settings_name_the_file_and_line(string text, string message)
    {
        var e = Assert.Throws<SessionSettingsException>(() => SessionSettingsFile.Parse(text, "x.cfg"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_settings_error()
    {
        var e = Assert.Throws<SessionSettingsException>(() => SessionSettingsFile.Load("/nonexistent/x.cfg"));
        Assert.StartsWith("/nonexistent/x.cfg: cannot read", e.Message);
    }

    [Theory]
    [InlineData("22:00:00", "06:00:00", "2026-01-01T23:00:00", "2026-01-01T22:00:00")]
    [InlineData("22:00:00", "06:00:00", "2026-01-02T05:59:59", "2026-01-01T22:00:00")]
    [InlineData("22:00:00", "06:00:00", "2026-01-02T06:00:00", null)]
    [InlineData("00:00:00", "00:00:00", "2026-01-02T13:00:00", "2026-01-02T00:00:00")]
    public void Daily_schedules_wrap_midnight_and_know_their_period(string start, string end, string at, string? periodStart)
    {
        var s = new SessionSchedule(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        var when = DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = periodStart is null ? (DateTime?)null : DateTime.Parse(periodStart, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.Equal(expected, s.PeriodStart(when));
    }

    [Fact]
    public void Weekly_schedule_runs_from_StartDay_to_EndDay()
    {
        var s = SessionSettingsFile.Parse("[SESSION]\nConnectionType=acceptor\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nStartDay=sun\nEndDay=fri\nStartTime=22:00:00\nEndTime=21:00:00\n", "w.cfg").Single().Schedule;
        Assert.True(s.IsInSession(new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc)));   // Wednesday
        Assert.False(s.IsInSession(new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc)));  // Saturday
        Assert.True(s.IsInSession(new DateTime(2026, 11, 29, 22, 30, 0, DateTimeKind.Utc)));  // Sunday evening
        Assert.False(s.IsInSession(new DateTime(2026, 11, 27, 21, 30, 0, DateTimeKind.Utc))); // Friday after close
    }
}
