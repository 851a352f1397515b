using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScalpLang.Runtime.Book;
using ScalpLang.Runtime.MarketData;
using ScalpLang.Runtime.Model;

namespace ScalpLang.Runtime.Tape;

/// <summary>
/// Decodes tape records into a <see cref="DepthBook"/> and a handler, checking every record as it
/// goes: a record that is not a valid operation on the book as it stands (an unknown op, a level
/// past the end, a price out of order, a Change or Delete naming another price, a non-positive
/// size) stops the replay with <c>source: record N (byte B): reason</c>. O(depth) per record at
/// worst, no allocation.
/// </summary>
public static class TapeReplay
{
    /// <summary>Replays <paramref name="records"/>; returns null, or the first error.</summary>
    public static string? Run<THandler>(ReadOnlySpan<byte> records, TapeHeader header, DepthBook book, ref THandler handler, string source)
        where THandler : ITapeHandler
    {
        if (book.Depth != header.Depth)
            throw new ArgumentException($"the book holds {book.Depth} levels, the tape {header.Depth}", nameof(book));
        long ts = header.StartTs;
        long count = records.Length / TapeRecord.Length;
        bool open = false;
        long events = 0;
        // Little-endian (x64, arm64): the records are read in place; otherwise decoded field by field.
        var inPlace = BitConverter.IsLittleEndian ? MemoryMarshal.Cast<byte, TapeRecord>(records) : default;
        for (long n = 0; n < count; n++)
        {
            var record = BitConverter.IsLittleEndian
                ? inPlace[(int)n]
                : TapeRecord.Read(records.Slice((int)(n * TapeRecord.Length), TapeRecord.Length));
            ts += record.TimeDelta;
            var fault = Apply(in record, ref ts, book, ref handler);
            if (fault != Fault.None)
                return $"{source}: record {n + 1} (byte {TapeHeader.Length + n * TapeRecord.Length}): {Describe(fault, in record, book)}";
            open = record.Op != TapeOp.Clock || open;
            if ((record.Flags & TapeMarks.EndOfEvent) != 0)
            {
                handler.OnEventEnd(ts);
                open = false;
                events++;
            }
        }
        if (open)
            return $"{source}: record {count} (byte {TapeHeader.Length + (count - 1) * TapeRecord.Length}): the last event has no end (truncated tape?)";
        return events == header.EventCount || count == 0 ? null
            : $"{source}: record {count} (byte {TapeHeader.Length + (count - 1) * TapeRecord.Length}): the records end {events} events, the header promises {header.EventCount}";
    }

    /// <summary>Why a record was refused; the sentence is built out of the hot loop (<see cref="Describe"/>).</summary>
    private enum Fault : byte
    {
        None,
        InsertValues,
        InsertPlace,
        ChangeSize,
        ChangeLevel,
        DeleteSize,
        DeleteLevel,
        TradeValues,
        StatusValue,
        ClockEndsEvent,
        ClockBack,
        UnknownOp,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fault Apply<THandler>(in TapeRecord record, ref long ts, DepthBook book, ref THandler handler)
        where THandler : ITapeHandler
    {
        var side = (record.Flags & TapeMarks.Ask) != 0 ? Side.Sell : Side.Buy;
        switch (record.Op)
        {
            case TapeOp.Insert:
                if (record.Size <= 0 || record.Price <= 0)
                    return Fault.InsertValues;
                if (!book.Insert(side, record.Aux, record.Price, record.Size))
                    return Fault.InsertPlace;
                handler.OnBook(ts, side, record.Aux, record.Size, (record.Flags & TapeMarks.Reveal) != 0);
                return Fault.None;
            case TapeOp.Change:
                if (record.Size <= 0)
                    return Fault.ChangeSize;
                if (record.Aux >= book.Count(side) || book.PriceAt(side, record.Aux) != record.Price)
                    return Fault.ChangeLevel;
                book.Change(side, record.Aux, record.Size, out long previous);
                handler.OnBook(ts, side, record.Aux, record.Size - previous, (record.Flags & TapeMarks.Reveal) != 0);
                return Fault.None;
            case TapeOp.Delete:
                if (record.Size != 0)
                    return Fault.DeleteSize;
                if (record.Aux >= book.Count(side) || book.PriceAt(side, record.Aux) != record.Price)
                    return Fault.DeleteLevel;
                book.Delete(side, record.Aux, out var removed);
                handler.OnBook(ts, side, record.Aux, -removed.Size.Lots, (record.Flags & TapeMarks.Reveal) != 0);
                return Fault.None;
            case TapeOp.Trade:
                if (record.Size <= 0 || record.Price < 0)
                    return Fault.TradeValues;
                handler.OnTrade(ts, ((long)record.Price << 16) + record.Aux, record.Size, (record.Flags & TapeMarks.AggressorBuy) != 0);
                return Fault.None;
            case TapeOp.Status:
                if (record.Size is < (int)TradingStatus.Halted or > (int)TradingStatus.Trading)
                    return Fault.StatusValue;
                handler.OnStatus(ts, (TradingStatus)record.Size);
                return Fault.None;
            case TapeOp.Clock:
                if ((record.Flags & TapeMarks.EndOfEvent) != 0)
                    return Fault.ClockEndsEvent;
                long jump = ((long)record.Price << 32) | (uint)record.Size;
                if (jump < 0)
                    return Fault.ClockBack;
                ts += jump;
                return Fault.None;
            default:
                return Fault.UnknownOp;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Describe(Fault fault, in TapeRecord record, DepthBook book)
    {
        var side = (record.Flags & TapeMarks.Ask) != 0 ? Side.Sell : Side.Buy;
        return fault switch
        {
            Fault.InsertValues => $"Insert of price {record.Price}, size {record.Size}: both must be positive",
            Fault.InsertPlace => $"Insert at {side} level {record.Aux} of price {record.Price}: past the end of the {book.Count(side)} levels or out of price order",
            Fault.ChangeSize => $"Change to size {record.Size}: a level that empties is a Delete",
            Fault.ChangeLevel => $"Change of {side} level {record.Aux} at price {record.Price}: the book has no such level",
            Fault.DeleteSize => $"Delete with size {record.Size}: a Delete's size is 0",
            Fault.DeleteLevel => $"Delete of {side} level {record.Aux} at price {record.Price}: the book has no such level",
            Fault.TradeValues => $"Trade of {record.Size} at {record.Price}: the size must be positive and the price not negative",
            Fault.StatusValue => $"Status {record.Size} is not a trading status",
            Fault.ClockEndsEvent => "a Clock record cannot end an event",
            Fault.ClockBack => $"Clock of {((long)record.Price << 32) | (uint)record.Size} ns: time cannot go back",
            _ => $"unknown operation {(byte)record.Op}",
        };
    }
}
