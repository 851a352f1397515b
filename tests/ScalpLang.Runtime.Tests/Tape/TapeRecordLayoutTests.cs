using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>The replay reads records in place on little-endian machines: the struct must be the file's 16 bytes.</summary>
public sealed class TapeRecordLayoutTests
{
    [Fact]
    public void The_struct_layout_is_the_file_layout()
    {
        Assert.Equal(TapeRecord.Length, Unsafe.SizeOf<TapeRecord>());
        var records = new[]
        {
            new TapeRecord(uint.MaxValue, TapeOp.Trade, TapeMarks.AggressorBuy | TapeMarks.EndOfEvent, 0xBEEF, int.MinValue, int.MaxValue),
            new TapeRecord(7, TapeOp.Delete, TapeMarks.Ask | TapeMarks.Reveal, 63, 123_456, 0),
        };
        var bytes = new byte[records.Length * TapeRecord.Length];
        for (var i = 0; i < records.Length; i++)
            records[i].Write(bytes.AsSpan(i * TapeRecord.Length));
        Assert.True(BitConverter.IsLittleEndian, "the in-place read is checked on little-endian machines only");
        Assert.Equal(records, MemoryMarshal.Cast<byte, TapeRecord>(bytes).ToArray());
        Assert.Equal(records[1], TapeRecord.Read(bytes.AsSpan(TapeRecord.Length)));
    }
}
