using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.Model;
using ScalpLang.Runtime.Synthetic;

namespace ScalpLang.Runtime.Tests.Synthetic;

/// <summary>
/// Replays a synthetic run into the runtime's <see cref="OrderBook"/>, checking every event as it
/// goes (problems are collected, not thrown, so a test can show several), and measures what the
/// tests assert on: the spread distribution, depth, the mid's path and per-second flow figures
/// from which the strategies' signals are computed.
/// </summary>
internal sealed class SyntheticReplay
{
    private const long Second = UnixNanos.PerSecond;

    private readonly List<string> _problems = [];
    private readonly BookLevel[] _top = new BookLevel[5];
    private readonly RestingOrder[] _front = new RestingOrder[1];

    public SyntheticReplay(ulong seed, long events)
    {
        Flow = new SyntheticOrderFlow(seed, events);
        Run();
    }

    public SyntheticOrderFlow Flow { get; }

    public OrderBook Book { get; } = new();

    public IReadOnlyList<string> Problems => _problems;

    public long Events { get; private set; }

    /// <summary>FNV-1a over every field of every event.</summary>
    public ulong Hash { get; private set; } = 14_695_981_039_346_656_037;

    public long FirstTs { get; private set; }

    public long LastTs { get; private set; }

    /// <summary>Events (after the opening) seen with each spread in ticks; the last bucket holds 10 and up.</summary>
    public long[] SpreadCounts { get; } = new long[11];

    public int MinBidLevels { get; private set; } = int.MaxValue;

    public int MinAskLevels { get; private set; } = int.MaxValue;

    public long MinMidTwice { get; private set; } = long.MaxValue;

    public long MaxMidTwice { get; private set; } = long.MinValue;

    public double MaxImbalance { get; private set; } = double.MinValue;

    public double MinImbalance { get; private set; } = double.MaxValue;

    public long[] BuyVolumePerSecond { get; private set; } = [];

    public long[] SellVolumePerSecond { get; private set; } = [];

    /// <summary>Size cancelled (partly or wholly) at the side's top five levels, per second.</summary>
    public long[] CancelledTop5PerSecond { get; private set; } = [];

    /// <summary>Size added at the side's top five levels, per second.</summary>
    public long[] AddedTop5PerSecond { get; private set; } = [];

    /// <summary>Mean spread of each second, in ticks (of the events in it).</summary>
    public double[] MeanSpreadPerSecond { get; private set; } = [];

    /// <summary>High minus low of the mid in each second, in ticks.</summary>
    public double[] MidRangePerSecond { get; private set; } = [];

    public double SpreadFraction(int from, int to)
    {
        long total = SpreadCounts.Sum(), part = 0;
        for (int s = from; s <= to; s++)
            part += SpreadCounts[s];
        return (double)part / total;
    }

    public string SpreadSummary()
    {
        long total = SpreadCounts.Sum();
        return string.Join(", ", SpreadCounts.Select((count, s) => (count, s)).Skip(1)
            .Select(x => $"{(x.s == 10 ? "10+" : x.s.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {(double)x.count / total:P1}"));
    }

    private void Problem(string what)
    {
        if (_problems.Count < 20)
            _problems.Add($"event {Events}: {what}");
    }

    private void Run()
    {
        var buy = new List<long>();
        var sell = new List<long>();
        var cancelled = new List<long>();
        var added = new List<long>();
        var spreadSum = new List<long>();
        var spreadN = new List<long>();
        var midHigh = new List<long>();
        var midLow = new List<long>();
        long lastAddedId = 0, previousTs = 0;
        var book = Book;
        while (Flow.Read())
        {
            SyntheticEvent e = Flow.Message;
            Events++;
            Mix(e);
            if (Events == 1)
            {
                FirstTs = e.TsEvent;
                if (e.TsEvent != SyntheticOrderFlow.StartUnixNanos)
                    Problem($"first TsEvent {e.TsEvent}, expected {SyntheticOrderFlow.StartUnixNanos}");
            }
            else if (e.TsEvent <= previousTs)
            {
                Problem($"TsEvent {e.TsEvent} does not increase (previous {previousTs})");
            }
            previousTs = LastTs = e.TsEvent;
            int second = (int)((e.TsEvent - SyntheticOrderFlow.StartUnixNanos) / Second);
            foreach (var list in (List<long>[])[buy, sell, cancelled, added, spreadSum, spreadN])
                while (list.Count <= second)
                    list.Add(0);
            while (midHigh.Count <= second)
            {
                midHigh.Add(long.MinValue);
                midLow.Add(long.MaxValue);
            }

            bool inTop5 = book.IndexOfLevel(e.Side, e.Price, 5) >= 0;
            switch (e.Kind)
            {
                case SyntheticEventKind.Added:
                    if (e.OrderId != lastAddedId + 1)
                        Problem($"order id {e.OrderId} added after {lastAddedId}");
                    lastAddedId = e.OrderId;
                    break;
                case SyntheticEventKind.Cancelled:
                    if (!book.TryGetOrder(e.OrderId, out var partly) || e.Size >= partly.Size)
                        Problem($"partial cancel of {e.Size} from order {e.OrderId} that does not have more");
                    if (inTop5)
                        cancelled[second] += e.Size.Lots;
                    break;
                case SyntheticEventKind.Deleted:
                    if (!book.TryGetOrder(e.OrderId, out var deleted) || e.Size != deleted.Size)
                        Problem($"delete of order {e.OrderId} with size {e.Size}, not its remaining size");
                    if (inTop5)
                        cancelled[second] += e.Size.Lots;
                    break;
                case SyntheticEventKind.Executed:
                    if (!book.TryGetBest(e.Side, out var touch) || touch.Price != e.Price)
                        Problem($"execution at {e.Price}, not at the {e.Side} touch");
                    else if (book.CopyOrders(e.Side, e.Price, _front) != 1 || _front[0].OrderId != e.OrderId)
                        Problem($"execution of order {e.OrderId}, not the front of the queue");
                    (e.Side == Side.Sell ? buy : sell)[second] += e.Size.Lots; // the aggressor is the other side
                    break;
                default:
                    Problem($"unknown kind {e.Kind}");
                    break;
            }

            e.Dispatch(ref book);
            if (book.LastOutcome != BookUpdateOutcome.Applied)
                Problem($"{e} was not applied cleanly: {book.LastOutcome}");
            if (e.Kind == SyntheticEventKind.Added && book.IndexOfLevel(e.Side, e.Price, 5) >= 0)
                added[second] += e.Size.Lots;

            bool hasBid = book.TryGetBest(Side.Buy, out var bid), hasAsk = book.TryGetBest(Side.Sell, out var ask);
            if (hasBid && hasAsk && bid.Price >= ask.Price)
                Problem($"book {(bid.Price == ask.Price ? "locked" : "crossed")}: bid {bid}, ask {ask}");
            if (Events <= SyntheticOrderFlow.OpeningEvents)
                continue;

            int bidLevels = book.LevelCount(Side.Buy), askLevels = book.LevelCount(Side.Sell);
            MinBidLevels = Math.Min(MinBidLevels, bidLevels);
            MinAskLevels = Math.Min(MinAskLevels, askLevels);
            if (!hasBid || !hasAsk)
                continue;
            long spread = ask.Price.Ticks - bid.Price.Ticks;
            SpreadCounts[Math.Clamp(spread, 1, 10)]++;
            spreadSum[second] += spread;
            spreadN[second]++;
            long mid2 = ask.Price.Ticks + bid.Price.Ticks;
            MinMidTwice = Math.Min(MinMidTwice, mid2);
            MaxMidTwice = Math.Max(MaxMidTwice, mid2);
            midHigh[second] = Math.Max(midHigh[second], mid2);
            midLow[second] = Math.Min(midLow[second], mid2);
            double imbalance = Imbalance();
            MaxImbalance = Math.Max(MaxImbalance, imbalance);
            MinImbalance = Math.Min(MinImbalance, imbalance);
        }
        BuyVolumePerSecond = [.. buy];
        SellVolumePerSecond = [.. sell];
        CancelledTop5PerSecond = [.. cancelled];
        AddedTop5PerSecond = [.. added];
        MeanSpreadPerSecond = [.. spreadSum.Zip(spreadN, (sum, n) => n == 0 ? 0.0 : (double)sum / n)];
        MidRangePerSecond = [.. midHigh.Zip(midLow, (high, low) => high == long.MinValue ? 0.0 : (high - low) / 2.0)];
    }

    /// <summary>(bid depth - ask depth) / (bid + ask) over the top five levels, as the language's <c>imbalance(levels: 5)</c>.</summary>
    private double Imbalance()
    {
        long bids = 0, asks = 0;
        int count = Book.CopyLevels(Side.Buy, _top);
        for (int i = 0; i < count; i++)
            bids += _top[i].Size.Lots;
        count = Book.CopyLevels(Side.Sell, _top);
        for (int i = 0; i < count; i++)
            asks += _top[i].Size.Lots;
        return (double)(bids - asks) / (bids + asks);
    }

    private void Mix(in SyntheticEvent e)
    {
        ulong hash = Hash;
        foreach (long value in (ReadOnlySpan<long>)[(long)e.Kind, e.TsEvent, e.OrderId, (long)e.Side, e.Price.Ticks, e.Size.Lots])
        {
            for (int shift = 0; shift < 64; shift += 8)
            {
                hash ^= (byte)(value >> shift);
                hash *= 1_099_511_628_211;
            }
        }
        Hash = hash;
    }
}
