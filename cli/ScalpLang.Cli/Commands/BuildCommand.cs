using System.CommandLine;
using System.Text;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Backend.Il;
using ScalpLang.Compiler.Lowering;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp build FILE [--target il] [-o OUT.dll]</c> writes the strategy as a .NET assembly
/// (default: FILE with .dll beside it); <c>--emit ir</c> prints the IR instead. The Verilog target
/// arrives with its backend; asking for it now is a usage error that says so.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var emit = new Option<string?>("--emit") { Description = "ir: print the intermediate representation instead of building" };
        var target = new Option<string>("--target") { Description = "il (default); verilog is not available yet", DefaultValueFactory = _ => "il" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write (default: FILE.dll; for --emit ir, standard output)" };
        var command = new Command("build", "Compile a strategy to a .NET assembly (or print its IR with --emit ir)")
        {
            file, emit, target, output,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(emit), result.GetValue(target)!, result.GetValue(output), stdout, stderr));
        return command;
    }

    public static int Run(string path, string? emit, string target, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (emit is not null && emit != "ir")
        {
            stderr.WriteLine($"scalp build: --emit {emit} is not known; use --emit ir");
            return ExitCodes.UsageOrIo;
        }
        if (emit is null && target != "il")
        {
            stderr.WriteLine($"scalp build: --target {target} is not available yet (the Verilog backend is not built); use --target il");
            return ExitCodes.UsageOrIo;
        }
        if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
            return ExitCodes.UsageOrIo;
        var program = FrontEnd.Check(bytes, path, fileLength: length);
        Report(program.Diagnostics, stderr);
        if (program.HasErrors || program.Strategy is null)
            return ExitCodes.Errors;

        var ir = Lowerer.Lower(program.Strategy);
        if (emit == "ir")
            return Write(output, IrPrinter.Print(ir), stdout, stderr);

        var emitted = IlBackend.Emit(ir);
        Report(emitted.Diagnostics, stderr);
        if (emitted.Image is null)
            return ExitCodes.Errors;
        var destination = output ?? Path.ChangeExtension(path, ".dll");
        try
        {
            File.WriteAllBytes(destination, emitted.Image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp build: cannot write {destination}: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        stdout.WriteLine($"{destination}: {emitted.TypeName} ({emitted.Image.Length:N0} bytes)");
        return ExitCodes.Success;
    }

    private static void Report(IEnumerable<Diagnostic> diagnostics, TextWriter stderr)
    {
        var report = new StringBuilder();
        foreach (var diagnostic in diagnostics)
            DiagnosticFormatter.Append(report, diagnostic);
        stderr.Write(report.ToString());
    }

    private static int Write(string? output, string text, TextWriter stdout, TextWriter stderr)
    {
        if (output is null)
        {
            stdout.Write(text);
            return ExitCodes.Success;
        }
        try
        {
            File.WriteAllText(output, text);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp build: cannot write {output}: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
    }
}
