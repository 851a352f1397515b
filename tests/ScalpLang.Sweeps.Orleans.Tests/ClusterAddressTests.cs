namespace ScalpLang.Sweeps.Orleans.Tests;

public sealed class ClusterAddressTests
{
    [Theory]
    [InlineData("redis://10.0.0.5:6380", ClusterKind.Redis, "10.0.0.5:6380")]
    [InlineData("redis://cache", ClusterKind.Redis, "cache:6379")]
    [InlineData("redis://:secret@cache:7000/2", ClusterKind.Redis, "cache:7000,defaultDatabase=2,password=secret")]
    [InlineData("postgres://scalp:pw@db.lan:5433/sweeps", ClusterKind.Postgres, "Host=db.lan;Port=5433;Database=sweeps;Username=scalp;Password=pw")]
    [InlineData("postgresql://scalp@db/sweeps", ClusterKind.Postgres, "Host=db;Port=5432;Database=sweeps;Username=scalp")]
    public void A_url_becomes_the_providers_connection_string(string url, ClusterKind kind, string connection)
    {
        Assert.True(ClusterAddress.TryParse(url, out var address, out var error), error);
        Assert.Equal(kind, address!.Kind);
        Assert.Equal(connection, address.ConnectionString);
        Assert.DoesNotContain("secret", address.Display);
    }

    [Theory]
    [InlineData("localhost:6379", "expected redis://HOST:PORT")]
    [InlineData("http://x:1", "unknown cluster scheme 'http'")]
    [InlineData("redis://x:1/zero", "the Redis database is a number")]
    [InlineData("postgres://u:p@db:5432", "name the database")]
    [InlineData("", "expected redis://HOST:PORT")]
    public void A_bad_url_is_refused_with_the_reason(string url, string reason)
    {
        Assert.False(ClusterAddress.TryParse(url, out _, out var error));
        Assert.Contains(reason, error);
    }
}

public sealed class ClusterErrorsTests
{
    [Fact]
    public void A_postgres_database_without_orleans_schema_gets_the_fix_on_one_line()
    {
        Assert.True(ClusterAddress.TryParse("postgres://u@db/sweeps", out var address, out _));
        var error = new InvalidOperationException("join failed", new InvalidOperationException("42P01: relation \"orleansquery\" does not exist\n\nPOSITION: 33"));
        var text = ClusterErrors.Describe(error, address!);
        Assert.StartsWith("42P01: relation \"orleansquery\" does not exist (the database lacks Orleans' schema: apply PostgreSQL-Main.sql", text);
        Assert.DoesNotContain("\n", text);
    }

    [Fact]
    public void Other_failures_keep_their_own_first_line()
    {
        Assert.True(ClusterAddress.TryParse("redis://cache:6379", out var address, out _));
        Assert.Equal("Connection refused", ClusterErrors.Describe(new IOException("Connection refused\nat somewhere"), address!));
    }
}
