namespace ScalpLang.Backend.Il;

/// <summary>
/// How to emit. <see cref="FeatureTapModel"/> names a model block whose features `scalp train`
/// records: Evaluate then advances the windows, writes that model's feature values (raw) into
/// the public <c>long[] scalp_features</c> field the trainer sets, and takes no decision (the
/// strategy stays flat), so the model file need not exist yet.
/// </summary>
public sealed record IlEmitOptions(string? FeatureTapModel = null)
{
    public static IlEmitOptions Default { get; } = new();

    /// <summary>The field the feature tap writes into.</summary>
    public const string FeatureField = "scalp_features";
}
