using ScalpLang.Hdl.CoSim;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>The hex tape: each record as one little-endian 128-bit number, fields at fixed bits.</summary>
public sealed class HexTapeTests
{
    [Fact]
    public void A_record_is_one_128_bit_word_with_the_fields_at_fixed_bits()
    {
        Span<byte> bytes = stackalloc byte[TapeRecord.Length];
        new TapeRecord(0x01020304, TapeOp.Change, TapeMarks.EndOfEvent | TapeMarks.Ask, 3, 10_000, -2).Write(bytes);
        // [127:96] size, [95:64] price, [63:48] aux, [47:40] marks, [39:32] op, [31:0] delta
        Assert.Equal("fffffffe" + "00002710" + "0003" + "09" + "01" + "01020304", HexTape.Line(bytes));
    }

    [Fact]
    public void Every_record_is_one_line()
    {
        var bytes = new byte[TapeRecord.Length * 3];
        for (var i = 0; i < 3; i++)
            new TapeRecord((uint)i, TapeOp.Trade, TapeMarks.EndOfEvent, 0, 5, 1).Write(bytes.AsSpan(i * TapeRecord.Length));
        using var writer = new StringWriter();
        Assert.Equal(3, HexTape.Write(bytes, writer));
        Assert.Equal(3, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_start_time_is_a_leading_Clock_record()
    {
        // 2012-06-21 09:30 in Unix ns: price holds the high 32 bits, size the low 32, op 5, no marks.
        const long start = 1_340_271_000_000_000_000;
        var line = HexTape.StartClock(start);
        Assert.Equal(32, line.Length);
        Assert.Equal(start, (long)Convert.ToUInt64(line[8..16], 16) << 32 | (long)Convert.ToUInt32(line[..8], 16));
        Assert.Equal("0000" + "00" + "05" + "00000000", line[16..]);
    }
}
