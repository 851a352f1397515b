using System.CommandLine;
using System.Text;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp build FILE --emit ir [-o OUT]</c>: check, lower and print the IR. The IL and Verilog
/// targets arrive with their backends; asking for them now is a usage error that says so.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var emit = new Option<string>("--emit") { Description = "what to write: ir (the IR listing)" };
        var target = new Option<string>("--target") { Description = "il or verilog (not yet available)" };
        var output = new Option<string?>("--output", "-o") { Description = "write here instead of standard output" };
        var command = new Command("build", "Compile a strategy; today: --emit ir prints its intermediate representation")
        {
            file, emit, target, output,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(emit), result.GetValue(target), result.GetValue(output), stdout, stderr));
        return command;
    }

    public static int Run(string path, string? emit, string? target, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (target is not null || emit is null)
        {
            stderr.WriteLine($"scalp build: {(target is null ? "no output chosen" : $"--target {target} is not available yet")}; " +
                             "the IL and Verilog backends are not built yet. Use --emit ir.");
            return ExitCodes.UsageOrIo;
        }
        if (emit != "ir")
        {
            stderr.WriteLine($"scalp build: --emit {emit} is not known; use --emit ir");
            return ExitCodes.UsageOrIo;
        }
        if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
            return ExitCodes.UsageOrIo;
        var program = FrontEnd.Check(bytes, path, fileLength: length);
        var report = new StringBuilder();
        foreach (var diagnostic in program.Diagnostics)
            DiagnosticFormatter.Append(report, diagnostic);
        stderr.Write(report.ToString());
        if (program.HasErrors || program.Strategy is null)
            return ExitCodes.Errors;

        var listing = IrPrinter.Print(Lowerer.Lower(program.Strategy));
        if (output is null)
        {
            stdout.Write(listing);
            return ExitCodes.Success;
        }
        try
        {
            File.WriteAllText(output, listing);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp build: cannot write {output}: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
    }
}
