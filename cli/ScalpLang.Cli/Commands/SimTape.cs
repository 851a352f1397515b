using ScalpLang.Backtest;
using ScalpLang.Compiler;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Lowering;
using ScalpLang.Runtime.Abi;
using ScalpLang.Scripting.Imports;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// A tape for the hardware commands from any data SPEC: a <c>tape:PATH</c> as is, anything else
/// exported (TapeExport, the writer `scalp tape` uses) into a scratch folder at the given depth.
/// </summary>
internal static class SimTape
{
    /// <returns>The tape's path, or null with <paramref name="error"/> set (and <paramref name="usage"/> when it is the caller's mistake).</returns>
    public static string? Prepare(string spec, InstrumentInfo? instrument, int depth, string scratch, out string? error, out bool usage)
    {
        usage = false;
        if (!DataSpec.TryParse(spec, out var data, out error))
        {
            usage = true;
            error = $"--data {spec}: {error}";
            return null;
        }
        if (data.Kind == DataKind.Tape)
        {
            usage = !File.Exists(data.Argument);
            error = usage ? $"{data.Argument}: no such file" : null;
            return usage ? null : data.Argument;
        }
        var path = Path.Combine(scratch, "data.tape");
        var summary = TapeExport.Write(data, instrument, path, depth, out error);
        usage = summary is null && error is not null && error.Contains("no such file", StringComparison.Ordinal);
        return summary is null ? null : path;
    }

    /// <summary>Front end + lowering for a command that needs the IR; diagnostics go to stderr.</summary>
    public static IrProgram? Lower(string path, TextWriter stderr, out int exit)
    {
        exit = ExitCodes.Success;
        if (!SourceFiles.TryRead(path, stderr, out var bytes, out var length))
        {
            exit = ExitCodes.UsageOrIo;
            return null;
        }
        var program = FrontEnd.Check(bytes, path, fileLength: length, scripts: CsxImportCompiler.Default, models: ModelFiles.Reader, sentiments: ModelFiles.Sentiments);
        BuildCommand.Report(program.Diagnostics, stderr);
        if (program.HasErrors || program.Strategy is null)
        {
            exit = ExitCodes.Errors;
            return null;
        }
        return Lowerer.Lower(program.Strategy);
    }

    public static InstrumentInfo? InstrumentOf(IrProgram program) =>
        program.Instrument is { } i ? new InstrumentInfo(i.Symbol, i.TickSize, i.LotSize, i.Currency) : null;
}
