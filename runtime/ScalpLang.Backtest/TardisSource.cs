using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Tardis;

namespace ScalpLang.Backtest;

/// <summary>
/// <c>tardis:PATH.csv[,PATH.csv...]</c>: one or more Tardis CSV files (trades, quotes, book
/// snapshots, incremental L2) merged by exchange time; the data type is read from the Tardis file
/// name. Prices and amounts are converted to the strategy's declared tick and lot sizes.
/// </summary>
internal static class TardisSource
{
    public static TardisFileKind? KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.Contains("incremental_book_L2", StringComparison.Ordinal))
            return TardisFileKind.IncrementalBookL2;
        if (name.Contains("book_snapshot", StringComparison.Ordinal))
            return TardisFileKind.BookSnapshot;
        if (name.Contains("quotes", StringComparison.Ordinal))
            return TardisFileKind.Quotes;
        if (name.Contains("trades", StringComparison.Ordinal))
            return TardisFileKind.Trades;
        return null;
    }

    public static string? Replay(string argument, Instrument instrument, IReplayTarget engine)
    {
        var paths = argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var readers = new List<TardisReader>();
        try
        {
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                    return $"{path}: no such file";
                if (KindOf(path) is not { } kind)
                    return $"{path}: cannot tell the Tardis data type from the file name (expected trades, quotes, book_snapshot_N or incremental_book_L2)";
                readers.Add(new TardisReader(path, kind, instrument, new TardisReadOptions { CheckSymbol = false }));
            }
            // k-way merge on TsEvent: every reader holds its next row; the earliest goes first.
            var live = readers.Where(r => r.Read()).ToList();
            foreach (var failed in readers.Where(r => r.Error is not null))
                return failed.Error!.ToString();
            var handler = engine;
            while (live.Count > 0)
            {
                var next = live[0];
                foreach (var reader in live)
                {
                    if (reader.Message.TsEvent < next.Message.TsEvent)
                        next = reader;
                }
                // A book row is one event (its level updates together); a trade row is one trade.
                if (next.Message.Kind == TardisFileKind.Trades)
                    next.Message.Dispatch(ref handler);
                else
                    engine.OnLevelsUpdated(next.Message.TsEvent, next.Message.Updates.Span);
                if (!next.Read())
                {
                    if (next.Error is { } error)
                        return error.ToString();
                    live.Remove(next);
                }
            }
            return null;
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }
}
