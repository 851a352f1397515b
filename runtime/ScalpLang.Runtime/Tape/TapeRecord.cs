using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScalpLang.Runtime.Tape;

/// <summary>What one tape record does (docs/tape.md).</summary>
public enum TapeOp : byte
{
    /// <summary>A level appears at index i: deeper levels move down, a full side drops its last.</summary>
    Insert = 0,

    /// <summary>The size at index i changes (the price stays).</summary>
    Change = 1,

    /// <summary>Level i goes: deeper levels move up one.</summary>
    Delete = 2,

    /// <summary>A trade; the aggressor is in the flags, the sub-tick price fraction in Aux.</summary>
    Trade = 3,

    /// <summary>The trading status changes (Size holds a <see cref="MarketData.TradingStatus"/>).</summary>
    Status = 4,

    /// <summary>No market change: time moves by Price:Size as one 64-bit delta (gaps over 4.29 s).</summary>
    Clock = 5,
}

/// <summary>Record flags.</summary>
[Flags]
public enum TapeMarks : byte
{
    None = 0,

    /// <summary>The last record of an event: the strategy is evaluated after it.</summary>
    EndOfEvent = 1,

    /// <summary>
    /// Not the event's own order flow (counts as neither added nor cancelled): an Insert that only
    /// brings an existing level into the N-level window, or a Change/Delete correcting a level the
    /// event did not touch.
    /// </summary>
    Reveal = 2,

    /// <summary>On a Trade: the aggressor bought (lifted the offer).</summary>
    AggressorBuy = 4,

    /// <summary>On level records: the ask side (bid otherwise).</summary>
    Ask = 8,
}

/// <summary>
/// One 16-byte little-endian tape record: u32 time delta (ns since the previous record), u8 op,
/// u8 flags, u16 aux (level index for book ops, sub-tick fraction for trades), i32 price (ticks),
/// i32 size (lots). Fixed width so a reader can seek, map and validate without parsing; on a
/// little-endian machine the struct's own layout is the file's, so a replay reads records in place.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct TapeRecord(uint TimeDelta, TapeOp Op, TapeMarks Flags, ushort Aux, int Price, int Size)
{
    public const int Length = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TapeRecord Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        (TapeOp)bytes[4],
        (TapeMarks)bytes[5],
        BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, TimeDelta);
        bytes[4] = (byte)Op;
        bytes[5] = (byte)Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[6..], Aux);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], Price);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[12..], Size);
    }
}
