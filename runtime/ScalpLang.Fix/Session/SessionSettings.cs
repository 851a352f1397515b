using System.Globalization;
using ScalpLang.Fix.Store;

namespace ScalpLang.Fix.Session;

public enum ConnectionType
{
    Acceptor,
    Initiator,
}

/// <summary>
/// One session's settings, with QuickFIX's key names and defaults where QuickFIX has them.
/// Unknown keys are kept in <see cref="Raw"/> and otherwise ignored (QuickFIX files carry log
/// settings this engine does not use).
/// </summary>
public sealed record SessionSettings
{
    public required SessionId Id { get; init; }
    public required ConnectionType ConnectionType { get; init; }
    public string Source { get; init; } = "";

    /// <summary>Initiator: the HeartBtInt (108) proposed at logon. Acceptors adopt the initiator's.</summary>
    public int HeartBtInt { get; init; } = 30;
    public string? SocketAcceptHost { get; init; }
    public int SocketAcceptPort { get; init; }
    public string? SocketConnectHost { get; init; }
    public int SocketConnectPort { get; init; }
    /// <summary>First wait before reconnecting; doubles after each failure up to <see cref="ReconnectMaxInterval"/>.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ReconnectMaxInterval { get; init; } = TimeSpan.FromMinutes(5);

    public SessionSchedule Schedule { get; init; } = SessionSchedule.Always;
    public bool ResetOnLogon { get; init; }
    public bool ResetOnLogout { get; init; }
    public bool ResetOnDisconnect { get; init; }
    public bool SendRedundantResendRequests { get; init; }

    /// <summary>Path of a QuickFIX XML dictionary; null uses the engine's own for the BeginString.</summary>
    public string? DataDictionary { get; init; }
    public bool ValidateFieldsOutOfOrder { get; init; } = true;
    public bool ValidateFieldsHaveValues { get; init; } = true;
    public bool ValidateUserDefinedFields { get; init; } = true;
    public bool AllowUnknownMsgFields { get; init; }

    public bool CheckLatency { get; init; } = true;
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan LogoutTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Folder of a <see cref="FileStore"/>; null keeps the session in memory.</summary>
    public string? FileStorePath { get; init; }
    public FsyncPolicy FsyncPolicy { get; init; } = FsyncPolicy.EveryMessage;
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public int MaxMessageSize { get; init; } = 64 * 1024;
    /// <summary>Messages held while a gap is being filled; a counterparty exceeding it is logged out.</summary>
    public int MaxQueuedMessages { get; init; } = 10_000;

    public string? Username { get; init; }
    public string? Password { get; init; }

    public bool SslEnable { get; init; }
    /// <summary>Initiator: the name the server certificate must carry (default: the connect host).</summary>
    public string? SslServerName { get; init; }
    /// <summary>PKCS#12 file: the acceptor's certificate, or the initiator's client certificate.</summary>
    public string? SslCertificate { get; init; }
    public string? SslCertificatePassword { get; init; }
    /// <summary>A CA certificate (PEM or DER) trusted in addition to the system store, e.g. a private CA.</summary>
    public string? SslCaCertificate { get; init; }
    public bool SslValidateCertificates { get; init; } = true;
    public bool SslRequireClientCertificate { get; init; }

    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    internal static SessionSettings From(Dictionary<string, (string Value, int Line)> keys, string source, int sectionLine)
    {
        var reader = new Reader(keys, source, sectionLine);
        var type = reader.Required("ConnectionType").ToLowerInvariant() switch
        {
            "acceptor" => ConnectionType.Acceptor,
            "initiator" => ConnectionType.Initiator,
            var other => throw reader.Bad("ConnectionType", $"'{other}' is neither acceptor nor initiator"),
        };
        var id = new SessionId(reader.Required("BeginString"), reader.Required("SenderCompID"), reader.Required("TargetCompID"));
        if (id.BeginString is not ("FIX.4.2" or "FIX.4.4"))
            throw reader.Bad("BeginString", $"'{id.BeginString}' is not supported (FIX.4.2 or FIX.4.4)");
        var settings = new SessionSettings
        {
            Id = id,
            ConnectionType = type,
            Source = $"{source}:{sectionLine}",
            HeartBtInt = reader.Int("HeartBtInt", 30, 1, 3600),
            SocketAcceptHost = reader.Optional("SocketAcceptHost"),
            SocketAcceptPort = reader.Int("SocketAcceptPort", 0, 0, 65535),
            SocketConnectHost = reader.Optional("SocketConnectHost"),
            SocketConnectPort = reader.Int("SocketConnectPort", 0, 0, 65535),
            ReconnectInterval = TimeSpan.FromSeconds(reader.Int("ReconnectInterval", 30, 1, 86400)),
            ReconnectMaxInterval = TimeSpan.FromSeconds(reader.Int("ReconnectMaxInterval", 300, 1, 86400)),
            Schedule = SessionSchedule.From(reader),
            ResetOnLogon = reader.Bool("ResetOnLogon", false),
            ResetOnLogout = reader.Bool("ResetOnLogout", false),
            ResetOnDisconnect = reader.Bool("ResetOnDisconnect", false),
            SendRedundantResendRequests = reader.Bool("SendRedundantResendRequests", false),
            DataDictionary = reader.Bool("UseDataDictionary", true) ? reader.Optional("DataDictionary") : null,
            ValidateFieldsOutOfOrder = reader.Bool("ValidateFieldsOutOfOrder", true),
            ValidateFieldsHaveValues = reader.Bool("ValidateFieldsHaveValues", true),
            ValidateUserDefinedFields = reader.Bool("ValidateUserDefinedFields", true),
            AllowUnknownMsgFields = reader.Bool("AllowUnknownMsgFields", false),
            CheckLatency = reader.Bool("CheckLatency", true),
            MaxLatency = TimeSpan.FromSeconds(reader.Int("MaxLatency", 120, 1, 86400)),
            LogonTimeout = TimeSpan.FromSeconds(reader.Int("LogonTimeout", 10, 1, 3600)),
            LogoutTimeout = TimeSpan.FromSeconds(reader.Int("LogoutTimeout", 2, 1, 3600)),
            FileStorePath = reader.Optional("FileStorePath"),
            FsyncPolicy = reader.Optional("FsyncPolicy")?.ToLowerInvariant() switch
            {
                null or "always" or "everymessage" => FsyncPolicy.EveryMessage,
                "interval" => FsyncPolicy.Interval,
                "never" => FsyncPolicy.Never,
                var other => throw reader.Bad("FsyncPolicy", $"'{other}' is not always, interval or never"),
            },
            FsyncInterval = TimeSpan.FromMilliseconds(reader.Int("FsyncIntervalMs", 100, 1, 60_000)),
            MaxMessageSize = reader.Int("MaxMessageSize", 64 * 1024, 256, 64 * 1024 * 1024),
            MaxQueuedMessages = reader.Int("MaxQueuedMessages", 10_000, 1, 10_000_000),
            Username = reader.Optional("Username"),
            Password = reader.Optional("Password"),
            SslEnable = reader.Bool("SSLEnable", false),
            SslServerName = reader.Optional("SSLServerName"),
            SslCertificate = reader.Optional("SSLCertificate"),
            SslCertificatePassword = reader.Optional("SSLCertificatePassword"),
            SslCaCertificate = reader.Optional("SSLCACertificate"),
            SslValidateCertificates = reader.Bool("SSLValidateCertificates", true),
            SslRequireClientCertificate = reader.Bool("SSLRequireClientCertificate", false),
            Raw = keys.ToDictionary(k => k.Key, k => k.Value.Value, StringComparer.OrdinalIgnoreCase),
        };
        if (type == ConnectionType.Initiator && (settings.SocketConnectHost is null || settings.SocketConnectPort == 0))
            throw SessionSettingsFile.Error(source, sectionLine, $"initiator session {id} needs SocketConnectHost and SocketConnectPort");
        if (settings.SslEnable && type == ConnectionType.Acceptor && settings.SslCertificate is null)
            throw SessionSettingsFile.Error(source, sectionLine, $"acceptor session {id} has SSLEnable=Y but no SSLCertificate");
        return settings;
    }

    /// <summary>Typed access to one section's keys, with errors that name the key's line.</summary>
    internal sealed class Reader(Dictionary<string, (string Value, int Line)> keys, string source, int sectionLine)
    {
        public string? Optional(string key) => keys.TryGetValue(key, out var v) && v.Value.Length > 0 ? v.Value : null;

        public string Required(string key) =>
            Optional(key) ?? throw SessionSettingsFile.Error(source, sectionLine, $"session is missing {key}");

        public int Int(string key, int fallback, int min, int max)
        {
            var text = Optional(key);
            if (text is null)
                return fallback;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                throw Bad(key, $"'{text}' is not an integer in [{min}, {max}]");
            return value;
        }

        public bool Bool(string key, bool fallback) => Optional(key) switch
        {
            null => fallback,
            "Y" or "y" => true,
            "N" or "n" => false,
            var other => throw Bad(key, $"'{other}' is not Y or N"),
        };

        public TimeOnly? Time(string key)
        {
            var text = Optional(key);
            if (text is null)
                return null;
            return TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw Bad(key, $"'{text}' is not a time HH:MM:SS");
        }

        public DayOfWeek? Day(string key)
        {
            var text = Optional(key);
            if (text is null)
                return null;
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (day.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase) && text.Length >= 2)
                    return day;
            }
            throw Bad(key, $"'{text}' is not a day of the week");
        }

        public SessionSettingsException Bad(string key, string message)
        {
            var line = keys.TryGetValue(key, out var v) ? v.Line : sectionLine;
            return SessionSettingsFile.Error(source, line, $"{key}: {message}");
        }
    }
}
