using System.Globalization;

namespace ScalpLang.Backend.Il.Tests.RealData;

/// <summary>
/// Reads a LOBSTER message file and its orderbook file with plain string splitting, following
/// ../shared/data/lobster/FORMAT.md only. The book after message i is orderbook row i (the file's
/// ground truth). Message 1 is skipped: the runtime seeds its book from row 1 and replays from
/// message 2, so event k of the replay is message k + 1.
/// </summary>
internal static class LobsterRef
{
    private const long EmptyAsk = 9_999_999_999;
    private const long UnitsPerTick = 100; // prices are dollars x 10000, the tick is $0.01

    public static List<RefEvent> Read(string messagePath)
    {
        var orderbookPath = messagePath.Replace("_message_", "_orderbook_", StringComparison.Ordinal);
        var messages = File.ReadAllLines(messagePath);
        var rows = File.ReadAllLines(orderbookPath);
        Assert.Equal(messages.Length, rows.Length);
        long midnight = NewYorkMidnight(Path.GetFileName(messagePath));
        var events = new List<RefEvent>(messages.Length);
        for (var i = 1; i < messages.Length; i++)
            events.Add(Event(messages[i], rows[i], midnight, $"{Path.GetFileName(messagePath)}:{i + 1}"));
        return events;
    }

    /// <summary>
    /// LOBSTER counts from the exchange's local midnight. The samples are June 2012 NASDAQ days,
    /// when New York is on EDT (UTC-4), so midnight is 04:00 UTC; fixed here rather than taken
    /// from a time-zone database, to stay independent of the reader.
    /// </summary>
    private static long NewYorkMidnight(string fileName)
    {
        var date = DateTime.ParseExact(fileName.Split('_')[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(6, date.Month); // the EDT offset below is only right for summer dates
        var utc = new DateTimeOffset(date.Year, date.Month, date.Day, 4, 0, 0, TimeSpan.Zero);
        return utc.ToUnixTimeSeconds() * 1_000_000_000;
    }

    private static RefEvent Event(string message, string row, long midnight, string line)
    {
        var f = message.Split(',');
        long ts = midnight + Nanos(f[0]);
        int type = int.Parse(f[1], CultureInfo.InvariantCulture);
        long size = long.Parse(f[3], CultureInfo.InvariantCulture);
        long price = long.Parse(f[4], CultureInfo.InvariantCulture);
        int direction = int.Parse(f[5], CultureInfo.InvariantCulture);
        var book = Book(row);
        // Direction is the resting order's side: executing a sell limit (-1) is a buyer-initiated trade.
        bool buyer = direction == -1;
        return type switch
        {
            1 => new RefEvent(line, ts, book, Added: QRef.FromWhole(size)),
            2 or 3 => new RefEvent(line, ts, book, Cancelled: QRef.FromWhole(size)),
            4 or 5 => new RefEvent(line, ts, book, IsTrade: true, TradePrice: PriceQ16(price), TradeSize: QRef.FromWhole(size), AggressorBuy: buyer),
            6 => new RefEvent(line, ts, book, IsTrade: true, TradePrice: PriceQ16(price), TradeSize: QRef.FromWhole(size)),
            _ => new RefEvent(line, ts, book),
        };
    }

    /// <summary>"34200.015105074" seconds after midnight as exact nanoseconds.</summary>
    private static long Nanos(string time)
    {
        var parts = time.Split('.');
        long nanos = long.Parse(parts[0], CultureInfo.InvariantCulture) * 1_000_000_000;
        if (parts.Length == 2)
            nanos += long.Parse(parts[1].PadRight(9, '0'), CultureInfo.InvariantCulture);
        return nanos;
    }

    /// <summary>
    /// A price in Q47.16 ticks. Hidden executions may print between cents; the fraction is rounded
    /// to the nearest 2^-16 tick (ties away from zero), which is exact for every half or quarter cent.
    /// </summary>
    private static long PriceQ16(long units)
    {
        Int128 scaled = (Int128)units * QRef.One;
        var quotient = scaled / UnitsPerTick;
        if ((scaled % UnitsPerTick) * 2 >= UnitsPerTick)
            quotient += 1;
        return (long)quotient;
    }

    private static RefBook Book(string row)
    {
        var f = row.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        List<long> askPrices = [], askSizes = [], bidPrices = [], bidSizes = [];
        for (var k = 0; k + 3 < f.Length; k += 4)
        {
            if (f[k] != EmptyAsk && f[k + 1] > 0)
            {
                askPrices.Add(Ticks(f[k]));
                askSizes.Add(f[k + 1]);
            }
            if (f[k + 2] != -EmptyAsk && f[k + 3] > 0)
            {
                bidPrices.Add(Ticks(f[k + 2]));
                bidSizes.Add(f[k + 3]);
            }
        }
        return new RefBook(new RefSide([.. bidPrices], [.. bidSizes]), new RefSide([.. askPrices], [.. askSizes]));
    }

    private static long Ticks(long units)
    {
        Assert.Equal(0, units % UnitsPerTick);
        return units / UnitsPerTick;
    }
}
