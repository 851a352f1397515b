using System.Globalization;

namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// The parts of a LOBSTER file name, <c>TICKER_YYYY-MM-DD_StartMs_EndMs_message_LEVEL.csv</c>
/// (or <c>_orderbook_</c>): the name is the only place the trading date and the depth are written.
/// </summary>
public sealed record LobsterFileName(string Ticker, DateOnly Date, long StartMs, long EndMs, string Kind, int Level)
{
    public const string Pattern = "TICKER_YYYY-MM-DD_STARTMS_ENDMS_message_LEVEL.csv";

    public static bool TryParse(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LobsterFileName? name)
    {
        name = null;
        string file = Path.GetFileName(path);
        if (!file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return false;
        // Split from the right: the ticker is whatever precedes the date.
        string[] parts = file[..^4].Split('_');
        if (parts.Length < 6)
            return false;
        int n = parts.Length;
        if (!DateOnly.TryParseExact(parts[n - 5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !long.TryParse(parts[n - 4], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            || !long.TryParse(parts[n - 3], NumberStyles.None, CultureInfo.InvariantCulture, out long end)
            || parts[n - 2] is not ("message" or "orderbook")
            || !int.TryParse(parts[n - 1], NumberStyles.None, CultureInfo.InvariantCulture, out int level)
            || level <= 0)
            return false;
        name = new LobsterFileName(string.Join('_', parts[..(n - 5)]), date, start, end, parts[n - 2], level);
        return true;
    }

    /// <summary>The orderbook file that belongs to a message file: same folder, <c>message</c> replaced by <c>orderbook</c>.</summary>
    public static string OrderBookPathFor(string messagePath)
    {
        string file = Path.GetFileName(messagePath);
        int at = file.LastIndexOf("_message_", StringComparison.Ordinal);
        string bookFile = at < 0 ? file : string.Concat(file.AsSpan(0, at), "_orderbook_", file.AsSpan(at + "_message_".Length));
        return Path.Combine(Path.GetDirectoryName(messagePath) ?? "", bookFile);
    }
}
