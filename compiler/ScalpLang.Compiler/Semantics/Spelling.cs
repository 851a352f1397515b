namespace ScalpLang.Compiler.Semantics;

/// <summary>Finds the name a user most likely meant ("did you mean 'imbalance'?").</summary>
public static class Spelling
{
    public static string? Suggest(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, written.Length / 3);
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            if (candidate == written)
                continue;
            var distance = Distance(written, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    public static string? DidYouMean(string written, IEnumerable<string> candidates) =>
        Suggest(written, candidates) is { } s ? $"did you mean '{s}'?" : null;

    /// <summary>Optimal string alignment distance: edits, with a swap of neighbours counting as one.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
