namespace ScalpLang.Runtime.Tests;

/// <summary>A throw-away folder for hand-built LOBSTER files named the way LOBSTER names them.</summary>
internal sealed class TempLobsterFiles : IDisposable
{
    public TempLobsterFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "scalp-lobster-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes the message file (and the orderbook file, if given); returns the message path.</summary>
    public string Write(string messages, string? orderBook = null, int level = 1, string ticker = "TEST")
    {
        string stem = $"{ticker}_2012-06-21_34200000_57600000_";
        string path = Path.Combine(Folder, $"{stem}message_{level}.csv");
        File.WriteAllText(path, messages);
        if (orderBook is not null)
            File.WriteAllText(Path.Combine(Folder, $"{stem}orderbook_{level}.csv"), orderBook);
        return path;
    }

    public static string BookPathOf(string messagePath) => messagePath.Replace("_message_", "_orderbook_", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
