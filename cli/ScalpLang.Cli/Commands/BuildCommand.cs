using System.CommandLine;
using System.Text;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Diagnostics;
using ScalpLang.Compiler.Ir;
using ScalpLang.Backend.Il;
using ScalpLang.Backend.Verilog;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp build FILE [--target il|verilog] [-o OUT]</c> writes the strategy as a .NET assembly
/// (default: FILE with .dll beside it) or, for verilog, a folder (default: beside FILE, named
/// after it) holding &lt;strategy&gt;.v and &lt;strategy&gt;_tb.v; <c>--emit ir</c> prints the IR
/// instead, and <c>--emit tape --data SPEC</c> writes a hex tape for the testbench (no FILE
/// needed then; see hdl-backend/README.md).
/// </summary>
internal static partial class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("FILE") { Description = "the strategy (.scalp)", Arity = ArgumentArity.ZeroOrOne };
        var emit = new Option<string?>("--emit") { Description = "ir: print the intermediate representation; tape: write --data as a hex tape" };
        var target = new Option<string>("--target") { Description = "il (default) or verilog", DefaultValueFactory = _ => "il" };
        var output = new Option<string?>("--output", "-o") { Description = "where to write (default: FILE.dll, or a folder FILE-verilog; for --emit ir, standard output)" };
        var data = new Option<string>("--data") { Description = "for --emit tape: synthetic[:seed=N,events=M] (default), lobster:PATH, tardis:PATH, tape:PATH", DefaultValueFactory = _ => "synthetic" };
        var depth = new Option<int>("--depth") { Description = "for --emit tape: levels per side (default: the strategy's book depth, else 10)" };
        var pipeline = new Option<int>("--pipeline") { Description = "for --target verilog: register stages inside the evaluation (0..16, default 0); the latency grows by as many cycles" };
        var interval = new Option<int>("--interval") { Description = "for --target verilog: the record interval R (1..16, default 1): in_valid high at most once every R cycles, so sections may fold their work over the idle cycles", DefaultValueFactory = _ => 1 };
        var core = new Option<string>("--core") { Description = "for --target verilog: " + VerilogOptions.CoreDescription, DefaultValueFactory = _ => "parallel" };
        var command = new Command("build", "Compile a strategy to a .NET assembly or Verilog (or print its IR, or write a hex tape)")
        {
            file, emit, target, output, data, depth, pipeline, interval, core,
        };
        command.SetAction(result => Run(result.GetValue(file), result.GetValue(emit), result.GetValue(target)!, result.GetValue(output),
            result.GetValue(data)!, result.GetValue(depth), stdout, stderr, result.GetValue(pipeline), result.GetValue(interval), result.GetValue(core)!));
        return command;
    }

    public static int Run(string? path, string? emit, string target, string? output, string data, int depth, TextWriter stdout, TextWriter stderr, int pipeline = 0, int interval = 1,
        string core = "parallel")
    {
        if (VerilogOptions.ParseCore(core, out var coreError) is not { } datapath)
        {
            stderr.WriteLine($"scalp build: {coreError}");
            return ExitCodes.UsageOrIo;
        }
        if (VerilogOptions.CheckStagesAndInterval(pipeline, interval) is { } wrong)
        {
            stderr.WriteLine($"scalp build: {wrong}");
            return ExitCodes.UsageOrIo;
        }

        if (emit is not null && emit is not ("ir" or "tape"))
        {
            stderr.WriteLine($"scalp build: --emit {emit} is not known; use --emit ir or --emit tape");
            return ExitCodes.UsageOrIo;
        }
        if (target is not ("il" or "verilog"))
        {
            stderr.WriteLine($"scalp build: --target {target} is not known; use --target il or --target verilog");
            return ExitCodes.UsageOrIo;
        }
        if (emit == "tape")
            return HexTapeExport.Run(path, data, depth, output, stdout, stderr);
        if (path is null)
        {
            stderr.WriteLine("scalp build: FILE is required (only --emit tape works without one)");
            return ExitCodes.UsageOrIo;
        }
        if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
            return ExitCodes.UsageOrIo;
        var program = FrontEnd.Check(bytes, path, fileLength: length, scripts: CsxImportCompiler.Default, models: ModelFiles.Reader, sentiments: ModelFiles.Sentiments);
        Report(program.Diagnostics, stderr);
        if (program.HasErrors || program.Strategy is null)
            return ExitCodes.Errors;

        var ir = Lowerer.Lower(program.Strategy);
        if (emit == "ir")
            return Write(output, IrPrinter.Print(ir), stdout, stderr);
        if (target == "verilog")
            return WriteVerilog(path, ir, output, pipeline, interval, datapath, stdout, stderr);

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
        return CopyScriptAssemblies(ir, destination, stdout, stderr);
    }

    private static int WriteVerilog(string path, IrProgram ir, string? output, int pipeline, int interval, HdlCore core, TextWriter stdout, TextWriter stderr)
    {
        var emitted = VerilogBackend.Emit(ir, new VerilogOptions(SourceName: Path.GetFileName(path), PipelineStages: pipeline, RecordInterval: interval, Core: core));
        Report(emitted.Diagnostics, stderr);
        if (emitted.Module is null || emitted.Testbench is null)
            return ExitCodes.Errors;
        var folder = output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-verilog");
        var module = Path.Combine(folder, emitted.ModuleName + ".v");
        var testbench = Path.Combine(folder, emitted.ModuleName + "_tb.v");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(module, emitted.Module);
            File.WriteAllText(testbench, emitted.Testbench);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp build: cannot write {folder}: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        stdout.WriteLine($"{module}: module {emitted.ModuleName}");
        stdout.WriteLine($"{testbench}: its testbench");
        return ExitCodes.Success;
    }

    internal static void Report(IEnumerable<Diagnostic> diagnostics, TextWriter stderr)
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
