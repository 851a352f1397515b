using System.Globalization;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// Reads Tardis CSV files (../shared/data/tardis/SOURCE.txt) with plain string splitting and
/// merges them by exchange time into one event per row, keeping the book in a naive
/// SortedDictionary per side. Rows of different files with the same timestamp keep the order of
/// the file list (the earlier file first). The data type comes from the file name, as in the
/// backtest's <c>tardis:</c> data spec.
/// </summary>
internal sealed class TardisRef(decimal tickSize, decimal lotSize, int trackedLevels)
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = [];
    private bool _lastWasSnapshot;

    public List<RefEvent> Read(IReadOnlyList<string> paths)
    {
        var files = paths.Select(p => (Name: Path.GetFileName(p), Rows: File.ReadAllLines(p))).ToList();
        var next = files.Select(_ => 1).ToArray(); // row 0 is the header
        var events = new List<RefEvent>();
        while (true)
        {
            int pick = -1;
            for (var f = 0; f < files.Count; f++)
            {
                if (next[f] < files[f].Rows.Length && (pick < 0 || Micros(files[f].Rows[next[f]]) < Micros(files[pick].Rows[next[pick]])))
                    pick = f;
            }
            if (pick < 0)
                return events;
            var (name, rows) = files[pick];
            events.Add(Apply(name, rows[next[pick]].Split(','), $"{name}:{next[pick] + 1}"));
            next[pick]++;
        }
    }

    private static long Micros(string row) => long.Parse(row.Split(',', 4)[2], CultureInfo.InvariantCulture);

    private RefEvent Apply(string name, string[] f, string line)
    {
        long ts = long.Parse(f[2], CultureInfo.InvariantCulture) * 1000;
        if (name.Contains("trades", StringComparison.Ordinal))
            return Trade(f, ts, line);
        var before = Book();
        ApplyRow(name, f);
        var after = Book();
        // grammar/README.md, cancel_rate on aggregated data: per price, the row's increase counts as
        // added when the level is among the top levels after the row, a decrease as cancelled when
        // it was among them before.
        long added = 0, cancelled = 0;
        foreach (var (b, a) in new[] { (before.Bids, after.Bids), (before.Asks, after.Asks) })
        {
            foreach (var price in b.Prices.Union(a.Prices))
            {
                long change = SizeAt(a, price) - SizeAt(b, price);
                if (change > 0 && Rank(a, price) < trackedLevels)
                    added += change;
                else if (change < 0 && Rank(b, price) < trackedLevels)
                    cancelled -= change;
            }
        }
        return new RefEvent(line, ts, after, Added: QRef.FromWhole(added), Cancelled: QRef.FromWhole(cancelled));
    }

    private static long SizeAt(RefSide side, long price)
    {
        int i = Array.IndexOf(side.Prices, price);
        return i < 0 ? 0 : side.Sizes[i];
    }

    private static int Rank(RefSide side, long price)
    {
        int i = Array.IndexOf(side.Prices, price);
        return i < 0 ? int.MaxValue : i;
    }

    private RefEvent Trade(string[] f, long ts, string line)
    {
        // side is the taker's: "buy" means the aggressor bought.
        return new RefEvent(line, ts, Book(), IsTrade: true, TradePrice: QRef.FromWhole(Steps(f[6], tickSize)),
            TradeSize: QRef.FromWhole(Steps(f[7], lotSize)), AggressorBuy: f[5] == "buy");
    }

    private void ApplyRow(string name, string[] f)
    {
        if (name.Contains("incremental_book_L2", StringComparison.Ordinal))
        {
            bool snapshot = f[4] == "true";
            if (snapshot && !_lastWasSnapshot)
            {
                _bids.Clear(); // a new snapshot replaces the whole book
                _asks.Clear();
            }
            _lastWasSnapshot = snapshot;
            var side = f[5] == "bid" ? _bids : _asks;
            long price = Steps(f[6], tickSize), size = Steps(f[7], lotSize);
            if (size == 0)
                side.Remove(price);
            else
                side[price] = size;
            return;
        }
        _bids.Clear();
        _asks.Clear();
        if (name.Contains("quotes", StringComparison.Ordinal))
        {
            // ask_amount, ask_price, bid_price, bid_amount
            Set(_asks, f[5], f[4]);
            Set(_bids, f[6], f[7]);
        }
        else
        {
            // book_snapshot_N: asks[i].price, asks[i].amount, bids[i].price, bids[i].amount, ...
            for (var k = 4; k + 3 < f.Length; k += 4)
            {
                Set(_asks, f[k], f[k + 1]);
                Set(_bids, f[k + 2], f[k + 3]);
            }
        }
    }

    private void Set(SortedDictionary<long, long> side, string price, string amount)
    {
        if (price.Length > 0 && amount.Length > 0)
            side[Steps(price, tickSize)] = Steps(amount, lotSize);
    }

    private RefBook Book() => new(
        new RefSide([.. _bids.Keys], [.. _bids.Values]),
        new RefSide([.. _asks.Keys], [.. _asks.Values]));

    /// <summary>A decimal text as a whole number of steps; off-grid values fail the test.</summary>
    private static long Steps(string text, decimal step)
    {
        var exact = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) / step;
        Assert.True(exact == decimal.Truncate(exact), $"{text} is not a multiple of {step}");
        return (long)exact;
    }
}
