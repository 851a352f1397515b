namespace ScalpLang.Runtime.Tests;

/// <summary>
/// The external data in ../shared (DESIGN.md §7): found beside the repository root (the folder
/// holding ScalpLang.sln), never downloaded. Missing data skips a test with its reason, except
/// under SCALP_REQUIRE_SHARED=1 (CI), where it fails.
/// </summary>
internal static class SharedData
{
    public const string RequireVariable = "SCALP_REQUIRE_SHARED";

    public const string GoogMessages =
        "GOOG_2012-06-21_1/GOOG_2012-06-21_34200000_57600000_message_1.csv";

    public const string AaplMessages =
        "AAPL_2012-06-21_10_first999rows/AAPL_2012-06-21_34200000_57600000_message_10.csv";

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    public static string? SharedRoot =>
        RepositoryRoot is null ? null : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>A file under ../shared/data/lobster, or null when the repository root is not found.</summary>
    public static string? LobsterPath(string relative) =>
        SharedRoot is null ? null : Path.Combine(SharedRoot, "data", "lobster", relative);

    /// <summary>Why the file is unavailable, or null when it is there.</summary>
    public static string? MissingReason(string relative)
    {
        string? path = LobsterPath(relative);
        if (path is null)
            return $"ScalpLang.sln not found above {AppContext.BaseDirectory}, so ../shared cannot be located";
        return File.Exists(path) ? null : $"LOBSTER sample {path} is missing (../shared beside the repository)";
    }

    /// <summary>The file's path; fails the test (CI) when it is missing.</summary>
    public static string Require(string relative)
    {
        if (MissingReason(relative) is { } reason)
            Assert.Fail($"{reason}; {RequireVariable}=1 makes missing shared data a failure");
        return LobsterPath(relative)!;
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScalpLang.sln")))
                return dir.FullName;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs files from ../shared/data/lobster. xunit 2 has no dynamic skip, so the
/// decision is taken when the attribute is built: skip with the reason, unless
/// SCALP_REQUIRE_SHARED=1, in which case the test runs and <see cref="SharedData.Require"/> fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] lobsterFiles)
    {
        LobsterFiles = lobsterFiles;
        if (SharedData.Required)
            return;
        foreach (string file in lobsterFiles)
        {
            if (SharedData.MissingReason(file) is { } reason)
            {
                Skip = reason;
                return;
            }
        }
    }

    public IReadOnlyList<string> LobsterFiles { get; }
}
