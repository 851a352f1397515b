using Antlr4.Runtime;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax.Generated;
using ScalpLang.Compiler.Tests.Infrastructure;

namespace ScalpLang.Compiler.Tests;

/// <summary>
/// Thousands of mutated examples (tokens deleted, duplicated, swapped; truncation; random bytes)
/// through the checker: no exception escapes, every diagnostic is a known code with a span
/// inside its file, and a file that reports no error produced a strategy.
/// </summary>
public sealed class FuzzTests
{
    private const int MutationsPerExample = 800;

    public static TheoryData<string> Examples() => ExampleTests.Examples();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Mutated_examples_never_crash_and_always_explain_themselves(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepoPaths.Examples, file));
        var tokens = Tokens(original);
        var random = new Random(file.Length * 7919 + 17);
        var known = DiagnosticDescriptors.All.ToHashSet();
        var failures = 0;
        for (var i = 0; i < MutationsPerExample; i++)
        {
            var mutant = Mutate(original, tokens, random, i % 6);
            var program = FrontEnd.Check(mutant, $"{file}#{i}");
            foreach (var d in program.Diagnostics)
            {
                Assert.Contains(d.Descriptor, known);
                Assert.InRange(d.Location.Span.Start, 0, d.Location.Source.Text.Length);
                Assert.InRange(d.Location.Span.End, d.Location.Span.Start, d.Location.Source.Text.Length);
                Assert.False(string.IsNullOrWhiteSpace(DiagnosticFormatter.Format(d)));
            }
            if (!program.HasErrors)
                Assert.True(program.Strategy is not null, $"mutant {i} of {file} has no errors and no strategy");
            else
                failures++;
        }
        // The mutations must actually break things, or this test proves nothing.
        Assert.True(failures > MutationsPerExample / 4, $"only {failures} of {MutationsPerExample} mutants failed to check");
    }

    private static List<IToken> Tokens(string text)
    {
        var lexer = new ScalpLangLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        return [.. lexer.GetAllTokens().Where(t => t.Channel == TokenConstants.DefaultChannel)];
    }

    private static byte[] Mutate(string text, List<IToken> tokens, Random random, int kind)
    {
        string Cut(IToken t) => text.Remove(t.StartIndex, t.StopIndex - t.StartIndex + 1);
        var token = tokens[random.Next(tokens.Count)];
        var result = kind switch
        {
            0 => Cut(token),
            1 => text.Insert(token.StartIndex, token.Text + " "),
            2 => Swap(text, tokens, random),
            3 => text[..random.Next(text.Length)],
            4 => text.Insert(random.Next(text.Length), tokens[random.Next(tokens.Count)].Text),
            _ => null,
        };
        if (result is not null)
            return System.Text.Encoding.UTF8.GetBytes(result);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        for (var n = random.Next(1, 6); n > 0; n--)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static string Swap(string text, List<IToken> tokens, Random random)
    {
        var i = random.Next(tokens.Count - 1);
        var (a, b) = (tokens[i], tokens[i + 1]);
        return text[..a.StartIndex] + b.Text + text[(a.StopIndex + 1)..b.StartIndex] + a.Text + text[(b.StopIndex + 1)..];
    }
}
