using ScalpLang.Runtime.Lobster;
using ScalpLang.Runtime.News;

namespace ScalpLang.Runtime.Tests.News;

/// <summary>The headline file: times, quoting, symbols, and a bad row stopping or skipped.</summary>
public sealed class NewsCsvReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scalp-newscsv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, $"n{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static List<Headline> ReadAll(NewsCsvReader reader)
    {
        var rows = new List<Headline>();
        while (reader.Read())
            rows.Add(reader.Current!);
        return rows;
    }

    [Fact]
    public void Reads_nanoseconds_iso_times_quoted_commas_and_symbols()
    {
        var path = Write(
            "time,headline,symbol",
            "1700000000000000001,Plain headline",
            "2023-11-14T22:13:20.5Z,\"Acme, Inc. says \"\"record\"\" quarter\",ACME",
            "",
            "2023-11-14T22:13:20.500000001+00:00,Trailing symbol empty,");
        using var reader = new NewsCsvReader(path);
        var rows = ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new Headline(1_700_000_000_000_000_001, "Plain headline", null, 2), rows[0]);
        // 2023-11-14T22:13:20Z is Unix second 1,700,000,000.
        Assert.Equal(new Headline(1_700_000_000_500_000_000, "Acme, Inc. says \"record\" quarter", "ACME", 3), rows[1]);
        Assert.Equal(new Headline(1_700_000_000_500_000_001, "Trailing symbol empty", null, 5), rows[2]);
        Assert.True(rows[1].Concerns("acme") && !rows[1].Concerns("GLBX") && rows[0].Concerns("GLBX"));
    }

    [Theory]
    [InlineData("2023-11-14T22:13:20+01:00,x", "is neither Unix nanoseconds nor ISO-8601 UTC")]
    [InlineData("2023-13-14T22:13:20Z,x", "is not a valid ISO-8601 date")]
    [InlineData("2023-11-14T22:13:20.1234567891Z,x", "1 to 9 digits")]
    [InlineData("99999999999999999999,x", "does not fit 64-bit nanoseconds")]
    [InlineData("1,", "the headline is empty")]
    [InlineData("1", "expected time,headline[,symbol]: 1 field(s)")]
    [InlineData("1,a,b,c", "expected time,headline[,symbol]: 4 field(s)")]
    [InlineData("1,\"unclosed", "a quoted field is not closed on its line")]
    [InlineData("1,\"closed\"x", "text after the closing quote")]
    [InlineData("1,half\"quoted", "a quote inside an unquoted field")]
    [InlineData("5,earlier", "headlines must be in time order")]
    public void A_bad_row_stops_with_file_line_and_reason(string row, string reason)
    {
        var path = Write("time,headline", "10,first", row, "20,never read");
        using var reader = new NewsCsvReader(path);
        var rows = ReadAll(reader);
        Assert.Single(rows);
        Assert.NotNull(reader.Error);
        Assert.StartsWith($"{path}:3: ", reader.Error!.ToString());
        Assert.Contains(reason, reader.Error.ToString());
    }

    [Fact]
    public void Skip_passes_over_bad_rows_and_counts_them()
    {
        var path = Write("10,first", "bad,row", "5,earlier", "20,second");
        using var reader = new NewsCsvReader(path, BadRowPolicy.Skip);
        var rows = ReadAll(reader);
        Assert.Null(reader.Error);
        Assert.Equal(["first", "second"], rows.Select(r => r.Text));
        Assert.Equal(2, reader.Skipped);
        Assert.StartsWith($"{path}:2: ", reader.FirstSkipped!.ToString());
    }

    [Fact]
    public void An_overlong_line_is_a_bad_row_not_a_crash()
    {
        var path = Write("10,first", "11," + new string('a', NewsCsvReader.MaxLineLength + 1));
        using var reader = new NewsCsvReader(path);
        Assert.Single(ReadAll(reader));
        Assert.Contains("longer than", reader.Error!.ToString());
    }

    [Fact]
    public void Equal_times_keep_file_order()
    {
        var path = Write("10,a", "10,b", "10,c");
        using var reader = new NewsCsvReader(path);
        Assert.Equal(["a", "b", "c"], ReadAll(reader).Select(r => r.Text));
    }
}
