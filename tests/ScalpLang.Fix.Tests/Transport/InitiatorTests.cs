using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ScalpLang.Fix.Codec;
using ScalpLang.Fix.Dictionaries;
using ScalpLang.Fix.Session;
using ScalpLang.Fix.Store;
using ScalpLang.Fix.Tests.Session;
using ScalpLang.Fix.Tests.Store;
using ScalpLang.Fix.Transport;

namespace ScalpLang.Fix.Tests.Transport;

/// <summary>Our initiator against our acceptor over loopback: plain, TLS with certificate validation, reconnect with backoff.</summary>
public sealed class InitiatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SessionSettings InitiatorFor(IPEndPoint endPoint) => SessionHarness.Initiator() with
    {
        SocketConnectHost = "127.0.0.1",
        SocketConnectPort = endPoint.Port,
        ReconnectInterval = TimeSpan.FromSeconds(1),
    };

    private static FixSession Session(SessionSettings settings, ISessionApplication app) =>
        new(settings, new MemoryStore(DateTime.UtcNow), FixDictionary.Fix44, app);

    private static async Task<bool> Eventually(Func<bool> condition, double seconds = 10)
    {
        for (var waited = 0.0; waited < seconds; waited += 0.05)
        {
            if (condition())
                return true;
            await Task.Delay(50);
        }
        return condition();
    }

    [Fact]
    public async Task Initiator_logs_on_sends_an_order_gets_the_echo_and_logs_out()
    {
        await using var acceptor = new LoopbackAcceptor();
        var app = new RecordingApplication();
        var session = Session(InitiatorFor(acceptor.EndPoint), app);
        await using var initiator = new FixInitiator(session);
        initiator.Start();
        Assert.True(await Eventually(() => session.IsLoggedOn && acceptor.Session.IsLoggedOn), "no logon");
        var order = new FixMessageWriter().Begin("FIX.4.4", "D").Field(11, "ORD1").Field(21, '1').Field(38, 100).Field(40, '1')
            .Field(54, '1').Field(55, "AAPL").Timestamp(60, DateTime.UtcNow);
        Assert.True(session.Send(order));
        Assert.True(await Eventually(() => app.Received.Count == 1), "no echo");
        Assert.Equal("ORD1", SessionHarness.Field(app.Received[0], 11));
        session.Logout();
        Assert.True(await Eventually(() => !session.IsConnected && !acceptor.Session.IsConnected), "no logout");
        Assert.Equal(1, app.Logouts);
    }

    [Fact]
    public async Task Reconnects_with_backoff_until_the_acceptor_appears()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var app = new RecordingApplication();
        var session = Session(InitiatorFor(new IPEndPoint(IPAddress.Loopback, port)), app);
        await using var initiator = new FixInitiator(session);
        initiator.Start();
        Assert.True(await Eventually(() => initiator.Attempts >= 2, 5), "no retry");
        Assert.False(session.IsLoggedOn);
        await using var acceptor = new LoopbackAcceptor(s => s with { SocketAcceptPort = port });
        Assert.True(await Eventually(() => session.IsLoggedOn, 10), "never logged on");
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum()
    {
        var s = SessionHarness.Initiator() with { ReconnectInterval = TimeSpan.FromSeconds(2), ReconnectMaxInterval = TimeSpan.FromSeconds(15) };
        int[] failures = [0, 1, 2, 3, 4, 10];
        Assert.Equal([2, 2, 4, 8, 15, 15], failures.Select(n => FixInitiator.Backoff(s, n).TotalSeconds));
    }

    private (string Pfx, string Cert) MakeCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = _folder.File(name + Guid.NewGuid().ToString("N") + ".pfx");
        var crt = _folder.File(name + Guid.NewGuid().ToString("N") + ".crt");
        File.WriteAllBytes(pfx, cert.Export(X509ContentType.Pkcs12, "pw"));
        File.WriteAllBytes(crt, cert.Export(X509ContentType.Cert));
        return (pfx, crt);
    }

    [Theory]
    [InlineData(true, "localhost", true)]    // trusted CA, right name
    [InlineData(false, "localhost", false)]  // self-signed and not trusted
    [InlineData(true, "otherhost", false)]   // trusted, but the name does not match
    public async Task Tls_logs_on_only_with_a_validated_certificate(bool trustCa, string serverName, bool expectLogon)
    {
        var (pfx, crt) = MakeCertificate("localhost");
        await using var acceptor = new LoopbackAcceptor(s => s with { SslEnable = true, SslCertificate = pfx, SslCertificatePassword = "pw" });
        var app = new RecordingApplication();
        var settings = InitiatorFor(acceptor.EndPoint) with
        {
            SslEnable = true,
            SslServerName = serverName,
            SslCaCertificate = trustCa ? crt : null,
        };
        var session = Session(settings, app);
        await using var initiator = new FixInitiator(session);
        initiator.Start();
        var loggedOn = await Eventually(() => session.IsLoggedOn, expectLogon ? 10 : 2.5);
        Assert.Equal(expectLogon, loggedOn);
        Assert.True(initiator.Attempts >= 1);
    }

    [Theory]
    [InlineData(true, true)]    // the client presents a certificate the acceptor trusts
    [InlineData(false, false)]  // no client certificate: the acceptor refuses the handshake
    public async Task Mutual_tls_requires_a_trusted_client_certificate(bool presentClientCertificate, bool expectLogon)
    {
        var (serverPfx, serverCrt) = MakeCertificate("localhost");
        var (clientPfx, clientCrt) = MakeCertificate("tw-client");
        await using var acceptor = new LoopbackAcceptor(s => s with
        {
            SslEnable = true,
            SslCertificate = serverPfx,
            SslCertificatePassword = "pw",
            SslRequireClientCertificate = true,
            SslCaCertificate = clientCrt,
        });
        var settings = InitiatorFor(acceptor.EndPoint) with
        {
            SslEnable = true,
            SslServerName = "localhost",
            SslCaCertificate = serverCrt,
            SslCertificate = presentClientCertificate ? clientPfx : null,
            SslCertificatePassword = presentClientCertificate ? "pw" : null,
        };
        var session = Session(settings, new RecordingApplication());
        await using var initiator = new FixInitiator(session);
        initiator.Start();
        Assert.Equal(expectLogon, await Eventually(() => session.IsLoggedOn, expectLogon ? 10 : 2.5));
    }
}
