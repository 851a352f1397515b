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
}
