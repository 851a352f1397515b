using System.Globalization;
using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Cli.Commands;

/// <summary>
/// <c>scalp build [FILE] --emit tape --data SPEC -o OUT.hex [--depth N]</c>: the data as the hex
/// tape the generated testbench reads (one record per line; hdl-backend/README.md). With FILE
/// the tape has the strategy's book depth and instrument.
/// </summary>
internal static class HexTapeExport
{
    public static int Run(string? strategyPath, string data, int depth, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (output is null)
        {
            stderr.WriteLine("scalp build: --emit tape needs -o OUT.hex");
            return ExitCodes.UsageOrIo;
        }
        Runtime.Abi.InstrumentInfo? instrument = null;
        if (strategyPath is not null)
        {
            var program = SimTape.Lower(strategyPath, stderr, out var exit);
            if (program is null)
                return exit;
            instrument = SimTape.InstrumentOf(program);
            depth = depth > 0 ? depth : program.BookDepth;
        }
        depth = depth > 0 ? depth : 10;
        var scratch = Directory.CreateTempSubdirectory("scalp-tape-").FullName;
        try
        {
            var tapePath = SimTape.Prepare(data, instrument, depth, scratch, out var error, out var usage);
            if (tapePath is null)
            {
                stderr.WriteLine($"scalp build: {error}");
                return usage ? ExitCodes.UsageOrIo : ExitCodes.Errors;
            }
            using var tape = TapeFile.Open(tapePath);
            var records = HexTape.Write(tape, output);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{output}: {tape.Header.EventCount:N0} events, {records:N0} records, {tape.Header.Depth} levels (hex, one record per line, the first a Clock carrying the start time)"));
            return ExitCodes.Success;
        }
        catch (TapeException e)
        {
            stderr.WriteLine($"scalp build: {e.Message}");
            return ExitCodes.Errors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"scalp build: cannot write {output}: {e.Message}");
            return ExitCodes.UsageOrIo;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
