using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScalpLang.Runtime.Abi;

/// <summary>A parameter as compiled: raw values (Q47.16, or ns for durations) and its unit's name.</summary>
public sealed record ParameterInfo(string Name, string Type, long Default, long? Lower, long? Upper);

public sealed record InstrumentInfo(string Symbol, decimal TickSize, decimal LotSize, string Currency);

/// <summary>
/// A pre-trade limit (max_position, max_orders, price_band): a raw value, or the name of the
/// parameter that holds it; likewise the window of max_orders.
/// </summary>
public sealed record RiskLimitInfo(string Kind, long Value, string? ValueParameter, long? Per, string? PerParameter);

/// <summary>
/// A <c>sentiment</c> declaration: its name and the model file the host scores headlines with
/// (resolved when the strategy was compiled; null when the compiler did not check the file).
/// </summary>
public sealed record SentimentInfo(string Name, string? ModelPath);

/// <summary>
/// What a compiled strategy carries about itself (DESIGN.md §4): name, parameters with defaults,
/// units and ranges, book depth, instrument, the targets it compiles for, and whether any order
/// slices by volume (the host then keeps recent trade volume). Stored in the emitted assembly as
/// JSON and read once at load time.
/// </summary>
public sealed record StrategyMetadata(
    string Name,
    InstrumentInfo? Instrument,
    int BookDepth,
    ImmutableArray<ParameterInfo> Parameters,
    ImmutableArray<RiskLimitInfo> RiskLimits,
    ImmutableArray<string> Decisions,
    ImmutableArray<string> Targets,
    bool SlicesByVolume = false,
    int? DepthLevelsRead = null,
    ImmutableArray<SentimentInfo>? Sentiments = null,
    ImmutableArray<Models.NeuralModelInfo>? NeuralModels = null)
{
    /// <summary>The sentiment slots in slot order; empty when the strategy reads no news.</summary>
    [JsonIgnore]
    public ImmutableArray<SentimentInfo> SentimentSlots => Sentiments ?? [];

    /// <summary>The ONNX models the strategy scores through its host, in the order the IL indexes them (none when absent).</summary>
    [JsonIgnore]
    public ImmutableArray<Models.NeuralModelInfo> OnnxModels => NeuralModels is { IsDefault: false } models ? models : [];

    /// <summary>
    /// How many book levels the strategy's depth inputs read (bid_depth/ask_depth, avg_depth):
    /// a host need not total more. Metadata written before this field existed reads as the book depth.
    /// </summary>
    public int LevelsRead => DepthLevelsRead ?? BookDepth;

    public string ToJson() => JsonSerializer.Serialize(this, MetadataJsonContext.Default.StrategyMetadata);

    public static StrategyMetadata FromJson(string json) =>
        JsonSerializer.Deserialize(json, MetadataJsonContext.Default.StrategyMetadata)
        ?? throw new InvalidDataException("strategy metadata is empty");
}

/// <summary>Source-generated JSON for the metadata (no reflection: trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StrategyMetadata))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;
