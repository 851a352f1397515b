namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>Locates the repository (goldens and examples are read from the source tree, not bin/).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "examples");
    public static string Goldens => Path.Combine(Root, "tests", "ScalpLang.Backend.Verilog.Tests", "Goldens");
    public static string ExampleGoldens => Path.Combine(Root, "tests", "ScalpLang.Backend.Verilog.Tests", "ExampleGoldens");

    /// <summary>The GOOG LOBSTER day's message file in ../shared (docs: ../shared/README.md).</summary>
    public static string GoogMessages => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "lobster", "GOOG_2012-06-21_1",
        "GOOG_2012-06-21_34200000_57600000_message_1.csv"));

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
