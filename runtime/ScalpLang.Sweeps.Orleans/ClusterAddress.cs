namespace ScalpLang.Sweeps.Orleans;

public enum ClusterKind
{
    Redis,
    Postgres,
}

/// <summary>
/// <c>--cluster URL</c>: where silos and submitters meet. <c>redis://HOST:PORT[/DB]</c> (Orleans
/// Redis clustering) or <c>postgres://USER:PASSWORD@HOST:PORT/DATABASE</c> (Orleans ADO.NET
/// clustering over Npgsql; the database needs Orleans' PostgreSQL scripts applied once).
/// </summary>
public sealed record ClusterAddress(ClusterKind Kind, string ConnectionString, string Display)
{
    public static bool TryParse(string text, out ClusterAddress? address, out string? error)
    {
        address = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = "expected redis://HOST:PORT or postgres://USER:PASSWORD@HOST:PORT/DATABASE";
            return false;
        }
        var (user, password) = Credentials(uri);
        switch (uri.Scheme)
        {
            case "redis":
                var redis = $"{uri.Host}:{(uri.IsDefaultPort ? 6379 : uri.Port)}";
                var database = uri.AbsolutePath.Trim('/');
                if (database.Length > 0 && !int.TryParse(database, out _))
                {
                    error = $"the Redis database is a number (redis://HOST:PORT/0), not '{database}'";
                    return false;
                }
                if (database.Length > 0)
                    redis += $",defaultDatabase={database}";
                if (password.Length > 0)
                    redis += $",password={password}";
                if (user.Length > 0)
                    redis += $",user={user}";
                address = new ClusterAddress(ClusterKind.Redis, redis, $"redis://{uri.Host}:{(uri.IsDefaultPort ? 6379 : uri.Port)}");
                return true;
            case "postgres" or "postgresql":
                var name = uri.AbsolutePath.Trim('/');
                if (name.Length == 0)
                {
                    error = "name the database: postgres://USER:PASSWORD@HOST:PORT/DATABASE";
                    return false;
                }
                var port = uri.IsDefaultPort ? 5432 : uri.Port;
                var connection = $"Host={uri.Host};Port={port};Database={name}";
                if (user.Length > 0)
                    connection += $";Username={user}";
                if (password.Length > 0)
                    connection += $";Password={password}";
                address = new ClusterAddress(ClusterKind.Postgres, connection, $"postgres://{uri.Host}:{port}/{name}");
                return true;
            default:
                error = $"unknown cluster scheme '{uri.Scheme}': use redis://HOST:PORT or postgres://USER:PASSWORD@HOST:PORT/DATABASE";
                return false;
        }
    }

    private static (string User, string Password) Credentials(Uri uri)
    {
        var info = Uri.UnescapeDataString(uri.UserInfo);
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (info, "") : (info[..colon], info[(colon + 1)..]);
    }
}
