namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>Compares output with a checked-in expected file; SCALP_BLESS=1 rewrites it instead (review the diff).</summary>
public static class Golden
{
    public static bool Blessing => Environment.GetEnvironmentVariable("SCALP_BLESS") == "1";

    public static void Verify(string expectedPath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
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
            File.WriteAllText(expectedPath + ".received", actual);
            Assert.Fail($"output differs from {Path.GetRelativePath(RepoPaths.Root, expectedPath)} (received beside it; SCALP_BLESS=1 accepts)");
        }
    }
}
