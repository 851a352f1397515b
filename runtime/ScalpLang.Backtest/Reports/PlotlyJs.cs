namespace ScalpLang.Backtest.Reports;

/// <summary>plotly.js as the Plotly.NET package ships it (an embedded resource), for inlining in a report.</summary>
internal static class PlotlyJs
{
    private static readonly Lazy<string> Text = new(Load);

    public static string Source => Text.Value;

    private static string Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) &&
                                                                   n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // The library holds no "</script" today; should a later one, "<\/script" means the same inside its strings.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Makes JSON safe inside a &lt;script&gt; element: "&lt;/" cannot end it early, and "&lt;\/" means the same in a JSON string.</summary>
    public static string EscapeJson(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);
}
