using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ScalpLang.Fix.Session;

namespace ScalpLang.Fix.Transport;

/// <summary>
/// SslStream options from session settings. Certificates are validated unless
/// SSLValidateCertificates=N; SSLCACertificate adds a private CA as the trust anchor (the
/// chain must end at it), for counterparties whose certificates no public CA signed.
/// </summary>
public static class TlsOptions
{
    public static SslServerAuthenticationOptions ForServer(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            settings.SslCertificate ?? throw new InvalidOperationException($"{settings.Id}: SSLCertificate is not set"),
            settings.SslCertificatePassword);
        return new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = settings.SslRequireClientCertificate,
            RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                !settings.SslRequireClientCertificate && cert is null
                || Validate(settings, cert, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch),
        };
    }

    public static SslClientAuthenticationOptions ForClient(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = settings.SslServerName ?? settings.SocketConnectHost,
            RemoteCertificateValidationCallback = (_, cert, _, errors) => Validate(settings, cert, errors),
        };
        if (settings.SslCertificate is { } path)
            options.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(path, settings.SslCertificatePassword)];
        return options;
    }

    private static bool Validate(SessionSettings settings, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (!settings.SslValidateCertificates)
            return true;
        if (errors == SslPolicyErrors.None)
            return true;
        // Only an untrusted chain can be rescued, and only by the configured CA.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || settings.SslCaCertificate is null || certificate is null)
            return false;
        using var ca = X509CertificateLoader.LoadCertificateFromFile(settings.SslCaCertificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
