namespace ScalpLang.Backtest;

public enum DataKind
{
    Synthetic,
    Lobster,
}

/// <summary>
/// <c>--data SPEC</c> (DESIGN.md §6): <c>synthetic[:seed=N,events=M]</c> (the default) or
/// <c>lobster:PATH_TO_message.csv</c>. Tardis and the tape format are refused with a clear message
/// until their adapters exist.
/// </summary>
public sealed record DataSpec(DataKind Kind, string Argument)
{
    public static DataSpec Default => new(DataKind.Synthetic, "");

    public static bool TryParse(string spec, out DataSpec data, out string? error)
    {
        data = Default;
        error = null;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? spec : spec[..colon];
        var rest = colon < 0 ? "" : spec[(colon + 1)..];
        switch (scheme)
        {
            case "synthetic":
                if (!Runtime.Synthetic.SyntheticSpec.TryParse(spec, out _, out error))
                    return false;
                data = new DataSpec(DataKind.Synthetic, rest);
                return true;
            case "lobster" when rest.Length > 0:
                data = new DataSpec(DataKind.Lobster, rest);
                return true;
            case "lobster":
                error = "lobster needs a path: --data lobster:PATH_TO_message.csv";
                return false;
            case "tardis" or "tape":
                error = $"--data {scheme}: is not supported yet (this release reads synthetic and lobster data)";
                return false;
            default:
                error = $"unknown data source '{scheme}'; use synthetic[:seed=N,events=M] or lobster:PATH_TO_message.csv";
                return false;
        }
    }
}
