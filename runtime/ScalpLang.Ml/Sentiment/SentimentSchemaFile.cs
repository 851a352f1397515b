using System.IO.Compression;
using System.Text.Json;

namespace ScalpLang.Ml.Sentiment;

/// <summary>
/// What `scalp train-text` adds to the ML.NET zip as <c>ScalpLang/sentiment.json</c>: it marks the
/// model as a headline classifier (text in, probability positive out), which the compiler checks a
/// <c>sentiment</c> declaration against, and records how it was trained.
/// </summary>
public sealed record SentimentSchemaFile(string Kind, string Trainer, long TrainingRows, long HoldoutRows)
{
    public const string EntryName = "ScalpLang/sentiment.json";
    public const string HeadlineKind = "headline-sentiment";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public void AppendTo(string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(EntryName)?.Delete();
        var entry = zip.CreateEntry(EntryName, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, this, Json);
    }

    /// <summary>The schema inside <paramref name="zip"/>, or null when there is none.</summary>
    /// <exception cref="JsonException">The entry is damaged.</exception>
    public static SentimentSchemaFile? ReadFrom(ZipArchive zip)
    {
        var entry = zip.GetEntry(EntryName);
        if (entry is null)
            return null;
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<SentimentSchemaFile>(stream, Json);
    }
}
