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

    public void AppendTo(string zipPath) => ZipJsonEntry.Write(zipPath, EntryName, this);

    /// <summary>The schema inside <paramref name="zip"/>, or null when there is none.</summary>
    /// <exception cref="JsonException">The entry is damaged.</exception>
    public static SentimentSchemaFile? ReadFrom(ZipArchive zip) => ZipJsonEntry.Read<SentimentSchemaFile>(zip, EntryName);
}
