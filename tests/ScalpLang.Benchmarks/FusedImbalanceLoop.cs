using System.Buffers.Binary;
using ScalpLang.Runtime.Abi;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Benchmarks;

/// <summary>
/// The ceiling: one loop that decodes tape records straight into two 10-level arrays, and at each
/// event's end computes the 5-level imbalance (Q47.16) and the spread and tests one rule. No
/// windows, no risk, no host: what a hand-tuned special case costs on this machine.
/// </summary>
internal sealed class FusedImbalanceLoop
{
    private const int Depth = 10;
    private const long Threshold = 39_322; // 0.6
    private readonly long[] _bidPrice = new long[Depth];
    private readonly long[] _bidSize = new long[Depth];
    private readonly long[] _askPrice = new long[Depth];
    private readonly long[] _askSize = new long[Depth];
    private int _bids;
    private int _asks;

    /// <summary>Returns how many events the rule fired on plus the number of events (so nothing is dead code).</summary>
    public long Run(ReadOnlySpan<byte> records, long startTs)
    {
        long ts = startTs;
        long fired = 0;
        long events = 0;
        for (int offset = 0; offset + TapeRecord.Length <= records.Length; offset += TapeRecord.Length)
        {
            var r = records.Slice(offset, TapeRecord.Length);
            ts += BinaryPrimitives.ReadUInt32LittleEndian(r);
            var op = (TapeOp)r[4];
            var marks = (TapeMarks)r[5];
            int level = BinaryPrimitives.ReadUInt16LittleEndian(r[6..]);
            long price = BinaryPrimitives.ReadInt32LittleEndian(r[8..]);
            long size = BinaryPrimitives.ReadInt32LittleEndian(r[12..]);
            bool ask = (marks & TapeMarks.Ask) != 0;
            var prices = ask ? _askPrice : _bidPrice;
            var sizes = ask ? _askSize : _bidSize;
            ref int count = ref ask ? ref _asks : ref _bids;
            switch (op)
            {
                case TapeOp.Insert:
                    int moved = Math.Min(count, Depth - 1) - level;
                    for (int i = level + moved; i > level; i--)
                    {
                        prices[i] = prices[i - 1];
                        sizes[i] = sizes[i - 1];
                    }
                    prices[level] = price;
                    sizes[level] = size;
                    count = Math.Min(count + 1, Depth);
                    break;
                case TapeOp.Change:
                    sizes[level] = size;
                    break;
                case TapeOp.Delete:
                    for (int i = level; i < count - 1; i++)
                    {
                        prices[i] = prices[i + 1];
                        sizes[i] = sizes[i + 1];
                    }
                    count--;
                    break;
                case TapeOp.Clock:
                    ts += (price << 32) | (uint)size;
                    break;
            }
            if ((marks & TapeMarks.EndOfEvent) == 0)
                continue;
            events++;
            long bids = 0;
            long asks = 0;
            for (int i = 0; i < 5; i++)
            {
                bids += i < _bids ? _bidSize[i] : 0;
                asks += i < _asks ? _askSize[i] : 0;
            }
            long imbalance = Q.Div(Q.FromInteger(bids - asks), Q.FromInteger(bids + asks));
            long spread = _asks > 0 && _bids > 0 ? _askPrice[0] - _bidPrice[0] : 0;
            if (imbalance > Threshold && spread <= 2)
                fired++;
        }
        return fired + events + (ts & 1);
    }
}
