using System.CommandLine;
using System.Text;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Cli.Commands;

/// <summary><c>scalp check FILE...</c>: parse and bind; exit 0 clean (warnings allowed), 1 errors, 2 I/O.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "ScalpLang source files (.scalp)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check .scalp files for syntax, name, type and unit errors") { files };
        command.SetAction(result => Run(result.GetValue(files) ?? [], stdout, stderr));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, TextWriter stdout, TextWriter stderr)
    {
        var exit = ExitCodes.Success;
        int errors = 0, warnings = 0;
        foreach (var path in paths)
        {
            if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
            {
                exit = ExitCodes.UsageOrIo;
                continue;
            }
            var program = FrontEnd.Check(bytes, path, fileLength: length, scripts: CsxImportCompiler.Default, models: ModelFiles.Reader, sentiments: ModelFiles.Sentiments);
            var report = new StringBuilder();
            foreach (var diagnostic in program.Diagnostics)
                DiagnosticFormatter.Append(report, diagnostic);
            stderr.Write(report.ToString());
            errors += program.Diagnostics.Count(d => d.IsError);
            warnings += program.Diagnostics.Count(d => !d.IsError);
            if (program.HasErrors)
            {
                exit = Math.Max(exit, ExitCodes.Errors);
                continue;
            }
            if (program.Strategy is { } strategy)
                stdout.WriteLine($"{path}: ok ({Summary(strategy)})");
        }
        if (errors + warnings > 0)
            stderr.WriteLine($"{Plural(errors, "error")}, {Plural(warnings, "warning")}");
        return exit;
    }

    private static string Summary(BoundStrategy s) =>
        $"strategy {s.Name}: {Plural(s.Params.Length, "param")}, {Plural(s.Signals.Length, "signal")}, {Plural(s.Rules.Length, "rule")}, " +
        $"{Plural(s.Exits.Length + s.ConditionalExits.Length, "exit")}, {Plural(s.RiskLimits.Length + s.CircuitBreakers.Length, "risk limit")}";

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
