using System.Diagnostics;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>The checked-in parser is exactly what the pinned antlr-ng generates from ScalpLang.g4.</summary>
public sealed class GrammarGenerationTests
{
    [Fact]
    public async Task Checked_in_parser_matches_a_fresh_generation()
    {
        var scratch = Directory.CreateTempSubdirectory("scalp-grammar-").FullName;
        var script = Path.Combine(RepoPaths.Root, "grammar", "generate.sh");
        var start = new ProcessStartInfo("bash", [script, scratch]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"grammar/generate.sh failed:\n{stdout}\n{await stderr}");

        var checkedIn = Path.Combine(RepoPaths.Root, "grammar", "generated");
        var expected = Directory.GetFiles(checkedIn).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var fresh = Directory.GetFiles(scratch).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, fresh);
        foreach (var name in expected)
        {
            Assert.True(File.ReadAllText(Path.Combine(checkedIn, name!)) == File.ReadAllText(Path.Combine(scratch, name!)),
                $"grammar/generated/{name} differs from a fresh generation: run grammar/generate.sh and commit");
        }
        Directory.Delete(scratch, recursive: true);
    }
}
