namespace ScalpLang.Backtest;

public enum DataKind
{
    Synthetic,
    Lobster,
    Tardis,
}

/// <summary>
/// <c>--data SPEC</c> (DESIGN.md §6): <c>synthetic[:seed=N,events=M]</c> (the default) or
/// <c>lobster:PATH_TO_message.csv</c> or <c>tardis:PATH.csv[,PATH.csv]</c>. The tape format is
/// refused with a clear message until it exists.
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
            case "tape":
                error = "--data tape: is not supported yet (the tape format comes with the Verilog co-simulation)";
                return false;
            default:
                error = $"unknown data source '{scheme}'; use synthetic[:seed=N,events=M], lobster:PATH_TO_message.csv or tardis:PATH.csv[,PATH.csv]";
                return false;
        }
    }
}
