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

    public void AppendTo(string zipPath) => ZipJsonEntry.Write(zipPath, EntryName, this);

    /// <summary>The schema inside <paramref name="zip"/>, or null when there is none.</summary>
    /// <exception cref="JsonException">The entry is damaged.</exception>
    public static ModelSchemaFile? ReadFrom(ZipArchive zip) => ZipJsonEntry.Read<ModelSchemaFile>(zip, EntryName);
}
