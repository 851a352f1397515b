namespace ScalpLang.Backtest;

public enum DataKind
{
    Synthetic,
    Lobster,
    Tardis,
    Tape,
}

/// <summary>
/// <c>--data SPEC</c> (DESIGN.md §6): <c>synthetic[:seed=N,events=M]</c> (the default) or
/// <c>lobster:PATH_TO_message.csv</c>, <c>tardis:PATH.csv[,PATH.csv]</c> or <c>tape:PATH</c>
/// (docs/tape.md; `scalp tape` writes one from any other source).
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
            case "tardis" when rest.Length > 0:
                data = new DataSpec(DataKind.Tardis, rest);
                return true;
            case "tardis":
                error = "tardis needs one or more paths: --data tardis:PATH.csv[,PATH.csv]";
                return false;
            case "tape" when rest.Length > 0:
                data = new DataSpec(DataKind.Tape, rest);
                return true;
            case "tape":
                error = "tape needs a path: --data tape:PATH";
                return false;
            default:
                error = $"unknown data source '{scheme}'; use synthetic[:seed=N,events=M], lobster:PATH_TO_message.csv, tardis:PATH.csv[,PATH.csv] or tape:PATH";
                return false;
        }
    }
}
