namespace ScalpLang.Sweeps.Orleans;

/// <summary>Why joining or reaching a cluster failed, in one line, with the fix where the cause is known.</summary>
public static class ClusterErrors
{
    public static string Describe(Exception e, ClusterAddress address)
    {
        var message = e.GetBaseException().Message;
        var firstLine = message.Split('\n', 2)[0].Trim();
        if (address.Kind == ClusterKind.Postgres && message.Contains("orleansquery", StringComparison.OrdinalIgnoreCase))
            return $"{firstLine} (the database lacks Orleans' schema: apply PostgreSQL-Main.sql and PostgreSQL-Clustering.sql as the README's multi-machine setup says)";
        return firstLine;
    }
}
