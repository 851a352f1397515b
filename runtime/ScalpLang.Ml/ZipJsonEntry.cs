using System.IO.Compression;
using System.Text.Json;

namespace ScalpLang.Ml;

/// <summary>
/// A JSON record ScalpLang keeps inside an ML.NET model zip (ML.NET ignores entries it does not
/// know): the feature schema of `scalp train`, the marker of `scalp train-text`.
/// </summary>
internal static class ZipJsonEntry
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as <paramref name="entryName"/>, replacing an earlier one.</summary>
    public static void Write<T>(string zipPath, string entryName, T value)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(entryName)?.Delete();
        var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
        // A fixed time keeps the file the same for the same model.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, value, Json);
    }

    /// <summary>The record stored as <paramref name="entryName"/>, or null when there is none.</summary>
    /// <exception cref="JsonException">The entry is damaged.</exception>
    public static T? Read<T>(ZipArchive zip, string entryName) where T : class
    {
        var entry = zip.GetEntry(entryName);
        if (entry is null)
            return null;
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<T>(stream, Json);
    }
}
