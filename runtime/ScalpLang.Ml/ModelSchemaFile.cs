using System.IO.Compression;
using System.Text.Json;
using ScalpLang.Compiler.Models;

namespace ScalpLang.Ml;

/// <summary>
/// The feature schema `scalp train` adds to an ML.NET model zip as the entry
/// <c>ScalpLang/features.json</c> (ML.NET ignores entries it does not know): the trainer, the
/// label, and each feature's declared text and unit, which the compiler checks a model block
/// against.
/// </summary>
public sealed record ModelSchemaFile(string Trainer, string Label, IReadOnlyList<ModelFeatureInfo> Features)
{
    public const string EntryName = "ScalpLang/features.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public void AppendTo(string zipPath)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(EntryName)?.Delete();
        var entry = zip.CreateEntry(EntryName, CompressionLevel.Optimal);
        // A fixed time keeps the file the same for the same model.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, this, Json);
    }

    /// <summary>The schema inside <paramref name="zip"/>, or null when the model has none.</summary>
    public static ModelSchemaFile? ReadFrom(ZipArchive zip)
    {
        var entry = zip.GetEntry(EntryName);
        if (entry is null)
            return null;
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<ModelSchemaFile>(stream, Json);
    }
}
