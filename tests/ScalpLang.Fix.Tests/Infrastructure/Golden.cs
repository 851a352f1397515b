namespace ScalpLang.Fix.Tests.Infrastructure;

/// <summary>
/// Compares output with a checked-in expected file; SCALP_BLESS=1 rewrites the file instead
/// (review the diff before committing).
/// </summary>
public static class Golden
{
    public static bool Blessing => Environment.GetEnvironmentVariable("SCALP_BLESS") == "1";

    public static void Verify(string expectedPath, string actual)
    {
        if (Blessing)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing golden {expectedPath}; run with SCALP_BLESS=1 to create it");
        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n");
        if (expected != actual)
        {
            File.WriteAllText(Path.ChangeExtension(expectedPath, ".received.txt"), actual);
            Assert.Fail($"output differs from {Path.GetRelativePath(RepoPaths.Root, expectedPath)}\n--- expected\n{expected}\n--- actual\n{actual}\n(run with SCALP_BLESS=1 to accept)");
        }
    }
}
