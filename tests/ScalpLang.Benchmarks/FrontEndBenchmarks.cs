using Antlr4.Runtime;
using BenchmarkDotNet.Attributes;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Syntax.Generated;
using ScalpLang.Compiler.Text;

namespace ScalpLang.Benchmarks;

/// <summary>
/// Front-end throughput on a generated 5,000-line strategy: parse + bind, against lexing alone as
/// the baseline (so the ratio says how much the parser and binder add on top of the tokenizer).
/// </summary>
[MemoryDiagnoser]
public class FrontEndBenchmarks
{
    public const int Lines = 5_000;

    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _text = StrategyGenerator.Generate(Lines);
        var program = FrontEnd.Check(SourceText.From(_text, "gen.scalp"));
        var errors = program.Diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count > 0 || program.Strategy is null)
        {
            throw new InvalidOperationException(
                $"the generated strategy does not check: {errors.Count} error(s)\n" +
                string.Concat(errors.Take(20).Select(DiagnosticFormatter.Format)));
        }
        if (program.Diagnostics.Length > 0)
            throw new InvalidOperationException($"the generated strategy has {program.Diagnostics.Length} warning(s); keep it clean");
    }

    /// <summary>Tokenizing only, with the generated lexer, as the parser's own input step does.</summary>
    [Benchmark(Baseline = true, Description = "lex")]
    public int Lex()
    {
        var lexer = new ScalpLangLexer(new AntlrInputStream(_text));
        lexer.RemoveErrorListeners();
        var tokens = 0;
        for (var token = lexer.NextToken(); token.Type != TokenConstants.EOF; token = lexer.NextToken())
            tokens++;
        return tokens;
    }

    /// <summary><c>scalp check</c> minus file I/O: parse (lex, ANTLR parse, AST) and bind (names, types, units).</summary>
    [Benchmark(Description = "parse+bind")]
    public int ParseAndBind() =>
        FrontEnd.Check(SourceText.From(_text, "gen.scalp")).Diagnostics.Length;
}
