using ScalpLang.Runtime.Tape;

namespace ScalpLang.Runtime.Tests.Tape;

/// <summary>TapeFile.Open: the file length must be exactly 128 + 16 × records; every refusal names the file.</summary>
public sealed class TapeFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tapefile-{Guid.NewGuid():N}.tape");

    public void Dispose() => File.Delete(_path);

    private static byte[] ThreeRecords() => TapeKit.Write(4, w =>
    {
        for (int i = 0; i < 3; i++)
        {
            w.Append(1_000 + i, TapeOp.Trade, TapeMarks.None, 0, 100, 1);
            w.EndEvent();
        }
    });

    [Fact]
    public void A_complete_tape_opens_with_its_records()
    {
        File.WriteAllBytes(_path, ThreeRecords());
        using var file = TapeFile.Open(_path);
        Assert.Equal(_path, file.Path);
        Assert.Equal(3, file.Header.RecordCount);
        Assert.Equal(48, file.Records.Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-16)]
    [InlineData(1)]
    [InlineData(16)]
    public void Truncated_or_trailing_bytes_are_refused(int change)
    {
        var bytes = ThreeRecords();
        var changed = new byte[bytes.Length + change];
        Array.Copy(bytes, changed, Math.Min(bytes.Length, changed.Length));
        File.WriteAllBytes(_path, changed);
        var e = Assert.Throws<TapeException>(() => TapeFile.Open(_path));
        Assert.Equal($"{_path}: the header promises 3 records (176 bytes) but the file has {changed.Length} bytes (truncated or corrupt)", e.Message);
    }

    [Fact]
    public void A_short_or_foreign_file_is_refused()
    {
        File.WriteAllBytes(_path, ThreeRecords()[..50]);
        Assert.Equal($"{_path}: not a tape: 50 bytes, shorter than the 128-byte header", Assert.Throws<TapeException>(() => TapeFile.Open(_path)).Message);
        File.WriteAllText(_path, new string('x', 300));
        Assert.Equal($"{_path}: not a tape: the file does not start with SCLPTAPE", Assert.Throws<TapeException>(() => TapeFile.Open(_path)).Message);
    }

    [Theory]
    [InlineData((1L << 60) + 3)] // 16 × count wraps to 48 bytes: the three records the file has
    [InlineData((1L << 62) + 3)]
    [InlineData(long.MaxValue)]
    public void A_record_count_whose_byte_length_overflows_is_refused(long count)
    {
        var bytes = ThreeRecords();
        var header = TapeKit.Header(bytes) with { RecordCount = count };
        header.Write(bytes);
        File.WriteAllBytes(_path, bytes);
        var e = Assert.Throws<TapeException>(() => TapeFile.Open(_path));
        Assert.StartsWith($"{_path}: the header promises {count} records (", e.Message);
        Assert.EndsWith("but the file has 176 bytes (truncated or corrupt)", e.Message);
    }

    [Fact]
    public void A_missing_file_is_refused() =>
        Assert.Equal($"{_path}: no such file", Assert.Throws<TapeException>(() => TapeFile.Open(_path)).Message);
}
