using System.Text.RegularExpressions;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>Every example and every ```scalp block of the language reference checks clean.</summary>
public sealed partial class ExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Examples, "*.scalp").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_checks_without_errors_or_warnings(string file)
    {
        var program = Checker.CheckFile(Path.Combine(RepoPaths.Examples, file), RepoPaths.Root, models: new Ml.MlModelReader());
        Assert.True(program.Diagnostics.IsEmpty, Checker.Render(program));
        var strategy = Assert.IsType<BoundStrategy>(program.Strategy);
        Assert.NotNull(strategy.Instrument);
        Assert.Contains(strategy.Rules, r => r.Action is BoundTradeAction);
        Assert.NotEmpty(strategy.CircuitBreakers);
    }

    [Fact]
    public void There_are_at_least_four_examples_each_with_a_header_comment()
    {
        var files = Directory.GetFiles(RepoPaths.Examples, "*.scalp");
        Assert.True(files.Length >= 4);
        Assert.All(files, f => Assert.StartsWith("//", File.ReadAllText(f), StringComparison.Ordinal));
    }

    public static TheoryData<int> ReferenceBlocks()
    {
        var data = new TheoryData<int>();
        var count = ScalpBlocks().Count;
        for (var i = 0; i < count; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceBlocks))]
    public void Language_reference_example_checks_clean(int index)
    {
        var program = Checker.CheckText(ScalpBlocks()[index], $"reference-example-{index + 1}.scalp");
        Assert.True(program.Diagnostics.IsEmpty, Checker.Render(program));
    }

    [Fact]
    public void Language_reference_documents_every_code_and_stdlib_name()
    {
        var reference = File.ReadAllText(RepoPaths.LanguageReference);
        Assert.NotEmpty(ScalpBlocks());
        var undocumentedCodes = DiagnosticDescriptors.All.Select(d => d.Code).Where(c => !reference.Contains(c, StringComparison.Ordinal));
        Assert.Empty(undocumentedCodes);
        var undocumentedNames = Stdlib.Intrinsics.Keys.Where(n => !reference.Contains($"`{n}", StringComparison.Ordinal));
        Assert.Empty(undocumentedNames);
    }

    private static List<string> ScalpBlocks() =>
        [.. ScalpBlock().Matches(File.ReadAllText(RepoPaths.LanguageReference)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```scalp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ScalpBlock();
}
