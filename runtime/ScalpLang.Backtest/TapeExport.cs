using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backtest;

/// <summary>What an export wrote.</summary>
public sealed record TapeExportSummary(string Path, long SourceEvents, long Events, long Records, long Bytes);

/// <summary>
/// Writes any <c>--data</c> source as a tape of its top N levels (docs/tape.md): the same
/// adapters a backtest reads replay into a <see cref="TapeRecorder"/>. The file is written beside
/// the target and moved into place only when complete, so a failed export leaves no half tape.
/// </summary>
public static class TapeExport
{
    public static TapeExportSummary? Write(DataSpec data, InstrumentInfo? declared, string output, int depth, out string? error)
    {
        error = null;
        if (data.Kind == DataKind.Tape)
        {
            error = "the data is already a tape";
            return null;
        }
        if (depth is < 1 or > DepthBook.MaxDepth)
        {
            error = $"--depth must be 1..{DepthBook.MaxDepth}";
            return null;
        }
        var instrument = BacktestRunner.DataInstrument(declared, data);
        var partial = output + ".partial";
        long sourceEvents;
        long events;
        long records;
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
            {
                var writer = new TapeWriter(stream, instrument, depth);
                var recorder = new TapeRecorder(writer);
                error = data.Kind switch
                {
                    DataKind.Lobster => BacktestRunner.ReplayLobster(data.Argument, instrument, recorder.Book, recorder),
                    DataKind.Tardis => TardisSource.Replay(data.Argument, instrument, recorder),
                    _ => SyntheticSource.Replay(data.Argument, recorder),
                };
                if (error is null)
                    writer.Complete();
                sourceEvents = recorder.SourceEvents;
                events = writer.Events;
                records = writer.Records;
            }
            if (error is not null)
            {
                File.Delete(partial);
                return null;
            }
            File.Move(partial, output, overwrite: true);
        }
        // ArgumentException: an instrument the header cannot hold (a symbol over 32 characters,
        // a currency that is not ASCII, a tick or lot of more digits than it keeps).
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TapeException or ArgumentException)
        {
            error = $"{output}: {e.Message}";
            TryDelete(partial);
            return null;
        }
        return new TapeExportSummary(output, sourceEvents, events, records, new FileInfo(output).Length);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
