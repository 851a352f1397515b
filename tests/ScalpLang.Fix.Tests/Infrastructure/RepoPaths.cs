namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>
/// Locates the repository (goldens are read from the source tree) and ../shared, the folder of
/// external test data beside it: the parent of the folder holding ScalpLang.sln, plus "shared".
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.Combine(Path.GetDirectoryName(Root)!, "shared");

    public static string Goldens => Path.Combine(Root, "tests", "ScalpLang.Fix.Tests", "Goldens");

    /// <summary>CI sets SCALP_REQUIRE_SHARED=1: tests that need ../shared then fail instead of skipping.</summary>
    public static bool RequireShared => Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1";

    /// <summary>A path under ../shared, asserted to exist (a skipped test never gets here unless CI requires it).</summary>
    public static string SharedFile(string relative)
    {
        var path = Path.Combine(Shared, relative);
        Assert.True(File.Exists(path) || Directory.Exists(path),
            $"{path} is missing: this test needs ../shared (the folder beside the repository); SCALP_REQUIRE_SHARED=1 makes its absence a failure");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find ScalpLang.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs files under ../shared: skipped (with the reason) when they are absent, unless SCALP_REQUIRE_SHARED=1.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute(params string[] sharedPaths) => Skip = SharedData.SkipReason(sharedPaths);
}

/// <summary>A theory that needs files under ../shared; see <see cref="SharedFactAttribute"/>.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute(params string[] sharedPaths) => Skip = SharedData.SkipReason(sharedPaths);
}

internal static class SharedData
{
    public static string? SkipReason(string[] sharedPaths)
    {
        if (RepoPaths.RequireShared)
            return null;
        var missing = sharedPaths.Where(p => !File.Exists(Path.Combine(RepoPaths.Shared, p)) && !Directory.Exists(Path.Combine(RepoPaths.Shared, p))).ToList();
        return missing.Count == 0 ? null : $"needs ../shared/{string.Join(", ../shared/", missing)}, which is absent (SCALP_REQUIRE_SHARED=1 makes this a failure)";
    }
}
