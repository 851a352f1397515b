using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;
using static ScalpLang.Runtime.Synthetic.SyntheticModel;

namespace ScalpLang.Runtime.Synthetic;

/// <summary>
/// The seeded synthetic order flow, the default market data of every <c>scalp</c> command that
/// takes <c>--data</c>: a zero-intelligence Poisson model of an order-driven market in the spirit
/// of Smith-Farmer and Cont-Stoikov-Talreja, with bursts. Streams like the LOBSTER reader: one
/// event per <see cref="Read"/>, no allocation after construction, constant memory whatever the
/// number of events.
/// <code>
/// var flow = new SyntheticOrderFlow(SyntheticSpec.Parse("synthetic:seed=7"));
/// while (flow.Read()) flow.Message.Dispatch(ref handler);
/// </code>
/// <para>The model (parameters in <see cref="SyntheticModel"/>):</para>
/// <list type="bullet">
/// <item>The book opens with <see cref="SyntheticModel.OpeningLevels"/> levels a side around
/// $100.00/$100.01 (<see cref="OpeningEvents"/> adds).</item>
/// <item>Then independent Poisson streams compete: limit orders at 1..40 ticks from the opposite
/// best with a 1/sqrt(d) profile (never locking or crossing the book), cancellations at a
/// constant rate per resting order (so each level loses orders in proportion to what rests
/// there), and market orders that execute
/// against the opposite best, front of queue first, walking further levels when larger than the
/// touch. Total rate Λ: the time to the next event is exponential with mean 1/Λ, and the event
/// is stream k with probability rate_k/Λ.</item>
/// <item>Regimes: aggressive buy or sell bursts (market rate x3.5, sizes x2: volume spikes and
/// one-sided aggressor flow), thin spells (makers step back near the touch: wider spreads,
/// thinner depth), and spoofing episodes (large orders behind the best, pulled after a moment:
/// fake imbalance, then a cancellation burst).</item>
/// <item>Guard rails: a side never drops below <see cref="SyntheticModel.MinLevels"/> levels
/// (cancels and market orders that would do so shrink or do not happen), and orders left more
/// than <see cref="SyntheticModel.StaleTicks"/> ticks behind the opposite best are pulled.</item>
/// </list>
/// <para>
/// Determinism: every decision uses integer arithmetic on <see cref="SyntheticRandom"/>
/// (xoshiro256**) draws, so a seed and event count give the same sequence bit for bit on every
/// platform. <c>TsEvent</c> starts at <see cref="StartUnixNanos"/> and strictly increases (the
/// fills of one market order are 1 ns apart); order ids are 1, 2, 3... in order of addition.
/// </para>
/// </summary>
public sealed class SyntheticOrderFlow
{
    /// <summary>2024-01-02 14:30:00 UTC, the New York open of the first trading day of 2024.</summary>
    public const long StartUnixNanos = 1_704_205_800L * UnixNanos.PerSecond;

    /// <summary>Events that build the opening book before the order flow starts.</summary>
    public const int OpeningEvents = SyntheticModel.OpeningEvents;

    /// <summary>Resting orders the generator can track (it never comes close: see the tests).</summary>
    internal const int OrderCapacity = 4_096;

    private const int PendingCapacity = 64;
    private const int Bid = 0, Ask = 1;
    private const int StreamCount = 9;

    private readonly SyntheticBook _book = new(OrderCapacity);
    private readonly SyntheticEvent[] _pending = new SyntheticEvent[PendingCapacity];
    private readonly long[] _cumulativeProfile = new long[RegimeCount * 2 * ProfileDepth];
    private readonly long[] _rates = new long[StreamCount];
    private readonly long[] _spoofIds = new long[SpoofOrdersMax];
    private readonly int[] _spoofSlots = new int[SpoofOrdersMax];
    private SyntheticRandom _random;
    private SyntheticEvent _message;
    private int _pendingHead;
    private int _pendingCount;
    private long _now = StartUnixNanos;
    private long _lastTs = StartUnixNanos - 1;
    private long _nextOrderId = 1;
    private int _regime = Normal;
    private long _regimeEnds;
    private int _spoofCount;
    private Side _spoofSide;
    private long _spoofPullAt = long.MaxValue;

    public SyntheticOrderFlow(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _random = new SyntheticRandom(spec.Seed);
        BuildProfiles();
        _regimeEnds = StartUnixNanos + Duration(Normal);
    }

    public SyntheticOrderFlow(ulong seed = SyntheticSpec.DefaultSeed, long events = SyntheticSpec.DefaultEvents)
        : this(new SyntheticSpec(seed, events))
    {
    }

    /// <summary>The synthetic instrument: "SYN", one-cent tick, lots of one share, USD.</summary>
    public static Instrument Instrument { get; } = new("SYN", 0.01m, 1m, "USD");

    public SyntheticSpec Spec { get; }

    /// <summary>The current event; valid after <see cref="Read"/> returned true.</summary>
    public ref readonly SyntheticEvent Message => ref _message;

    /// <summary>Events returned so far.</summary>
    public long EventsRead { get; private set; }

    /// <summary>How often each regime and episode started; for tests and reports.</summary>
    internal SyntheticEpisodes Episodes { get; } = new();

    internal int LiveOrders => _book.LiveOrders;

    internal int PeakLiveOrders => _book.PeakLiveOrders;

    /// <summary>Advances to the next event; false once <see cref="SyntheticSpec.Events"/> have been returned.</summary>
    public bool Read()
    {
        if (EventsRead == Spec.Events)
            return false;
        while (_pendingCount == 0)
            Generate();
        _message = _pending[_pendingHead];
        _pendingHead = (_pendingHead + 1) % PendingCapacity;
        _pendingCount--;
        EventsRead++;
        return true;
    }

    /// <summary>Streams the remaining events to <paramref name="handler"/>; returns how many.</summary>
    public long Run<THandler>(ref THandler handler)
        where THandler : IMarketDataHandler
    {
        long count = 0;
        while (Read())
        {
            _message.Dispatch(ref handler);
            count++;
        }
        return count;
    }

    // ---- the model ---------------------------------------------------------------------------

    /// <summary>Queues the events of the next action (at least one, at most <see cref="PendingCapacity"/>).</summary>
    private void Generate()
    {
        long opened = _nextOrderId - 1; // the opening only adds, so ids count its steps
        if (opened < SyntheticModel.OpeningEvents)
        {
            Open(opened);
            return;
        }
        if (PullStale(Side.Buy) || PullStale(Side.Sell))
            return;
        while (true)
        {
            long total = Rates();
            long meanNanos = 1_000_000_000_000_000 / total;
            long wait = Math.Max(1, (long)(((Int128)_random.NextExponentialQ16() * meanNanos) >> 16));
            long next = _now + wait;
            long scheduled = Math.Min(_regimeEnds, _spoofPullAt);
            if (scheduled <= next)
            {
                // The competing streams are memoryless, so the drawn wait is dropped, not carried.
                _now = Math.Max(_now, scheduled);
                if (_spoofPullAt <= _regimeEnds)
                {
                    if (PullSpoof() > 0)
                        return;
                }
                else
                {
                    SwitchRegime();
                }
                continue;
            }
            _now = next;
            long pick = _random.NextBelow(total);
            int stream = 0;
            while (pick >= _rates[stream])
                pick -= _rates[stream++];
            if (Act(stream) > 0)
                return;
        }
    }

    private void Open(long step)
    {
        Side side = step % 2 == 0 ? Side.Buy : Side.Sell;
        long level = step / 2 % OpeningLevels;
        long price = side == Side.Buy ? OpeningBid - level : OpeningBid + 1 + level;
        _now = StartUnixNanos + step * OpeningSpacingNanos;
        AddOrder(side, price, DrawSize(100));
    }

    /// <summary>Fills <see cref="_rates"/> for the current state; returns their sum (µHz).</summary>
    private long Rates()
    {
        int regime = _regime * 2;
        int nearBid = _book.Bids.OrdersNearBest(NearTicks);
        int nearAsk = _book.Asks.OrdersNearBest(NearTicks);
        _rates[0] = _cumulativeProfile[(regime + Bid) * ProfileDepth + ProfileDepth - 1];
        _rates[1] = _cumulativeProfile[(regime + Ask) * ProfileDepth + ProfileDepth - 1];
        _rates[2] = MarketRate * MarketPercent[regime + Bid] / 100; // buyers, hitting the asks
        _rates[3] = MarketRate * MarketPercent[regime + Ask] / 100;
        _rates[4] = nearBid * NearCancelRate * NearCancelPercent[regime + Bid] / 100;
        _rates[5] = nearAsk * NearCancelRate * NearCancelPercent[regime + Ask] / 100;
        _rates[6] = (_book.Bids.Orders - nearBid) * FarCancelRate;
        _rates[7] = (_book.Asks.Orders - nearAsk) * FarCancelRate;
        _rates[8] = _spoofCount == 0 && _spoofPullAt == long.MaxValue ? SpoofRate : 0;
        long total = 0;
        foreach (long rate in _rates)
            total += rate;
        return total;
    }

    /// <summary>Performs one draw of stream <paramref name="stream"/>; returns the events queued (0: nothing happened).</summary>
    private int Act(int stream) => stream switch
    {
        0 => LimitOrder(Side.Buy),
        1 => LimitOrder(Side.Sell),
        2 => MarketOrder(Side.Buy),
        3 => MarketOrder(Side.Sell),
        4 => Cancel(Side.Buy, near: true),
        5 => Cancel(Side.Sell, near: true),
        6 => Cancel(Side.Buy, near: false),
        7 => Cancel(Side.Sell, near: false),
        _ => StartSpoof(),
    };

    private int LimitOrder(Side side)
    {
        int profile = (_regime * 2 + SideIndex(side)) * ProfileDepth;
        long pick = _random.NextBelow(_cumulativeProfile[profile + ProfileDepth - 1]);
        int distance = 1;
        while (pick >= _cumulativeProfile[profile + distance - 1])
            distance++;
        long price = side == Side.Buy ? OppositeBest(side) - distance : OppositeBest(side) + distance;
        if (price < 1 || _book.IsFull)
            return 0;
        AddOrder(side, price, DrawSize(100));
        return 1;
    }

    private int MarketOrder(Side aggressor)
    {
        Side resting = aggressor.Opposite();
        SyntheticBook.Half half = _book.Of(resting);
        if (half.Levels == 0)
            return 0;
        long size = DrawSize(MarketSizePercent[_regime * 2 + SideIndex(aggressor)]);
        int mayEmpty = Math.Clamp(half.Levels - MinLevels, 0, MaxSweepLevels);
        int fills = 0, emptied = 0;
        while (size > 0 && fills < MaxFills)
        {
            int slot = half.Front();
            long have = _book.LotsOf(slot);
            long take = Math.Min(size, have);
            if (take == have && _book.IsAloneAtLevel(slot))
            {
                if (emptied == mayEmpty)
                {
                    take = have - 1; // the depth floor: leave the level standing, end the order here
                    size = take;
                    if (take == 0)
                        break;
                }
                else
                {
                    emptied++;
                }
            }
            Emit(SyntheticEventKind.Executed, slot, take);
            _book.Reduce(slot, take);
            size -= take;
            fills++;
        }
        return fills;
    }

    private int Cancel(Side side, bool near)
    {
        SyntheticBook.Half half = _book.Of(side);
        int nearOrders = half.OrdersNearBest(NearTicks);
        int orders = near ? nearOrders : half.Orders - nearOrders;
        if (orders <= 0)
            return 0;
        int slot = _book.FindOrder(half, near ? 0 : NearTicks, (int)_random.NextBelow(orders));
        long have = _book.LotsOf(slot);
        bool partial = have >= 2 && _random.Chance(PartialCancelPercent);
        if (!partial && _book.IsAloneAtLevel(slot) && half.Levels <= MinLevels)
        {
            if (have < 2)
                return 0;
            partial = true;
        }
        if (partial)
        {
            long cancel = have > 100 ? 100 * _random.NextInclusive(1, (have - 1) / 100) : _random.NextInclusive(1, have - 1);
            Emit(SyntheticEventKind.Cancelled, slot, cancel);
            _book.Reduce(slot, cancel);
        }
        else
        {
            Emit(SyntheticEventKind.Deleted, slot, have);
            _book.Reduce(slot, have);
        }
        return 1;
    }

    /// <summary>Pulls one order of <paramref name="side"/> left too far behind the opposite best, if any.</summary>
    private bool PullStale(Side side)
    {
        SyntheticBook.Half opposite = _book.Of(side.Opposite());
        if (opposite.Levels == 0)
            return false;
        long limit = side == Side.Buy ? opposite.Best - StaleTicks : opposite.Best + StaleTicks;
        int slot = _book.Of(side).StaleOrder(limit);
        if (slot == SyntheticBook.None)
            return false;
        _now += StalePullDelayNanos;
        long have = _book.LotsOf(slot);
        Emit(SyntheticEventKind.Deleted, slot, have);
        _book.Reduce(slot, have);
        Episodes.StalePulls++;
        return true;
    }

    private int StartSpoof()
    {
        Side side = _random.Chance(50) ? Side.Buy : Side.Sell;
        SyntheticBook.Half half = _book.Of(side);
        if (half.Levels == 0)
            return 0;
        int count = (int)_random.NextInclusive(SpoofOrdersMin, SpoofOrdersMax);
        long best = half.Best;
        _spoofSide = side;
        _spoofCount = 0;
        for (int j = 1; j <= count && !_book.IsFull && best + j * half.Worse >= 1; j++)
        {
            if (j > 1)
                _now += _random.NextInclusive(SpoofSpacingMinNanos, SpoofSpacingMaxNanos);
            long lots = 100 * _random.NextInclusive(SpoofHundredsMin, SpoofHundredsMax);
            long id = _nextOrderId;
            _spoofSlots[_spoofCount] = AddOrder(side, best + j * half.Worse, lots);
            _spoofIds[_spoofCount++] = id;
        }
        _spoofPullAt = _now + _random.NextInclusive(SpoofHoldMinNanos, SpoofHoldMaxNanos);
        Episodes.Spoofs++;
        return _spoofCount;
    }

    private int PullSpoof()
    {
        SyntheticBook.Half half = _book.Of(_spoofSide);
        int pulled = 0;
        for (int i = 0; i < _spoofCount; i++)
        {
            int slot = _spoofSlots[i];
            if (!_book.Holds(slot, _spoofIds[i]))
                continue; // executed in full meanwhile
            if (_book.IsAloneAtLevel(slot) && half.Levels <= MinLevels)
                continue; // the depth floor: leave it to the ordinary cancellations
            if (pulled > 0)
                _now += _random.NextInclusive(SpoofSpacingMinNanos, SpoofSpacingMaxNanos);
            long have = _book.LotsOf(slot);
            Emit(SyntheticEventKind.Deleted, slot, have);
            _book.Reduce(slot, have);
            pulled++;
        }
        _spoofCount = 0;
        _spoofPullAt = long.MaxValue;
        return pulled;
    }

    private void SwitchRegime()
    {
        if (_regime == Normal)
        {
            // The anchor: each AnchorTicks ticks the mid has wandered from the opening price move
            // one point of the burst weights towards the burst that brings it back.
            long mid2 = _book.Bids.Levels > 0 && _book.Asks.Levels > 0 ? _book.Bids.Best + _book.Asks.Best : 2 * OpeningBid + 1;
            long lean = Math.Clamp((2 * OpeningBid + 1 - mid2) / (2 * AnchorTicks), -MaxAnchorLean, MaxAnchorLean);
            long buyWeight = AfterNormal[BuyBurst] + lean, sellWeight = AfterNormal[SellBurst] - lean;
            long pick = _random.NextBelow(100);
            int next = pick < buyWeight ? BuyBurst : pick < buyWeight + sellWeight ? SellBurst : Thin;
            _regime = next;
            switch (next)
            {
                case BuyBurst: Episodes.BuyBursts++; break;
                case SellBurst: Episodes.SellBursts++; break;
                default: Episodes.ThinSpells++; break;
            }
        }
        else
        {
            _regime = Normal;
        }
        _regimeEnds = _now + Duration(_regime);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private long Duration(int regime) =>
        Math.Max(1, (long)(((Int128)_random.NextExponentialQ16() * MeanDurationNanos[regime]) >> 16));

    /// <summary>A size from <see cref="SyntheticModel.Sizes"/>, scaled by <paramref name="percent"/>.</summary>
    private long DrawSize(int percent)
    {
        long pick = _random.NextBelow(100);
        int bucket = 0;
        while (pick >= SizeWeights[bucket])
            pick -= SizeWeights[bucket++];
        long size = Sizes[bucket] == 0 ? _random.NextInclusive(1, 99) : Sizes[bucket];
        return Math.Max(1, size * percent / 100);
    }

    /// <summary>The opposite side's best, or where it would be if that side were empty.</summary>
    private long OppositeBest(Side side)
    {
        SyntheticBook.Half opposite = _book.Of(side.Opposite());
        if (opposite.Levels > 0)
            return opposite.Best;
        SyntheticBook.Half own = _book.Of(side);
        if (own.Levels > 0)
            return side == Side.Buy ? own.Best + 1 : own.Best - 1;
        return side == Side.Buy ? OpeningBid + 1 : OpeningBid;
    }

    private int AddOrder(Side side, long price, long lots)
    {
        long id = _nextOrderId++;
        int slot = _book.Add(id, side, price, lots);
        Queue(new SyntheticEvent(SyntheticEventKind.Added, NextTs(), id, side, new Price(price), new Quantity(lots)));
        return slot;
    }

    /// <summary>Queues an event about a resting order; call before reducing it.</summary>
    private void Emit(SyntheticEventKind kind, int slot, long lots) =>
        Queue(new SyntheticEvent(
            kind, NextTs(), _book.IdAt(slot), _book.SideOf(slot), new Price(_book.PriceOf(slot)), new Quantity(lots)));

    /// <summary><see cref="_now"/>, or 1 ns after the previous event when that is later: time strictly increases.</summary>
    private long NextTs()
    {
        _lastTs = Math.Max(_now, _lastTs + 1);
        _now = _lastTs;
        return _lastTs;
    }

    private void Queue(in SyntheticEvent e)
    {
        if (_pendingCount == PendingCapacity)
            throw new InvalidOperationException("synthetic order flow: too many events from one action");
        _pending[(_pendingHead + _pendingCount) % PendingCapacity] = e;
        _pendingCount++;
    }

    private static int SideIndex(Side side) => side == Side.Buy ? Bid : Ask;

    private void BuildProfiles()
    {
        for (int regime = 0; regime < RegimeCount; regime++)
        {
            for (int side = 0; side < 2; side++)
            {
                int offset = (regime * 2 + side) * ProfileDepth;
                long sum = 0;
                for (int d = 1; d <= ProfileDepth; d++)
                {
                    // TouchLimitRate / sqrt(d), with sqrt(d) in Q10 from the integer square root.
                    long rate = TouchLimitRate * 1024 / IntegerSqrt((ulong)d << 20);
                    if (d <= NearDistance)
                        rate = rate * NearLimitPercent[regime * 2 + side] / 100;
                    sum += rate;
                    _cumulativeProfile[offset + d - 1] = sum;
                }
            }
        }
    }

    private static long IntegerSqrt(ulong n)
    {
        ulong root = 0, bit = 1UL << 62;
        while (bit > n)
            bit >>= 2;
        while (bit != 0)
        {
            if (n >= root + bit)
            {
                n -= root + bit;
                root = (root >> 1) + bit;
            }
            else
            {
                root >>= 1;
            }
            bit >>= 2;
        }
        return (long)root;
    }
}

/// <summary>Counts of the model's episodes since the generator started.</summary>
internal sealed class SyntheticEpisodes
{
    public int BuyBursts { get; set; }

    public int SellBursts { get; set; }

    public int ThinSpells { get; set; }

    public int Spoofs { get; set; }

    public int StalePulls { get; set; }
}
