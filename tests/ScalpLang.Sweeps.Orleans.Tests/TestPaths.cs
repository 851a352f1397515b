namespace ScalpLang.Sweeps.Orleans.Tests;

internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built `scalp` CLI beside the tests (the project references it).</summary>
    public static string Cli { get; } = Path.Combine(AppContext.BaseDirectory, "scalp.dll");

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    /// <summary>The GOOG LOBSTER day's message file, or null when ../shared is absent (a failure under SCALP_REQUIRE_SHARED=1).</summary>
    public static string? GoogMessages()
    {
        var folder = Path.Combine(Path.GetDirectoryName(Root)!, "shared", "data", "lobster", "GOOG_2012-06-21_1");
        var message = Directory.Exists(folder) ? Directory.GetFiles(folder, "*message*.csv").FirstOrDefault() : null;
        if (message is null)
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing LOBSTER GOOG data under {folder}");
        return message;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("ScalpLang.sln not found above the test binaries");
    }
}
