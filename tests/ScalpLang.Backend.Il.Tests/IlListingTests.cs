using ScalpLang.Compiler;
using ScalpLang.Compiler.Lowering;

namespace ScalpLang.Backend.Il.Tests;

/// <summary>Golden IL listings of every example (SCALP_BLESS=1 rewrites them; review the diff).</summary>
public sealed class IlListingTests
{
    private static string Root => IlBackendTests.Root;

    public static TheoryData<string> Examples() => IlBackendTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_il_matches_golden(string file)
    {
        var path = Path.Combine(Root, "examples", file);
        var program = FrontEnd.Check(File.ReadAllBytes(path), path, models: new Ml.MlModelReader());
        var emitted = IlBackend.Emit(Lowerer.Lower(program.Strategy!));
        var listing = IlListing.Print(emitted.Image!);
        Assert.Equal(listing, IlListing.Print(IlBackend.Emit(Lowerer.Lower(program.Strategy!)).Image!)); // deterministic
        var golden = Path.Combine(Root, "tests", "ScalpLang.Backend.Il.Tests", "Goldens", Path.ChangeExtension(file, ".il"));
        if (Environment.GetEnvironmentVariable("SCALP_BLESS") == "1")
        {
            File.WriteAllText(golden, listing);
            return;
        }
        Assert.True(File.Exists(golden), $"missing {golden}; run with SCALP_BLESS=1");
        Assert.True(File.ReadAllText(golden) == listing, $"IL of {file} differs from {golden} (SCALP_BLESS=1 to accept)");
    }
}
