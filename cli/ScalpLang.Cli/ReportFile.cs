namespace ScalpLang.Cli;

/// <summary>Writing the HTML report: checked before the run (no point running for an hour to fail at the end), written after.</summary>
internal static class ReportFile
{
    /// <summary>Why <paramref name="path"/> cannot be written, or null: its folder must exist and it must not be a folder.</summary>
    public static string? CannotWrite(string path)
    {
        if (Directory.Exists(path))
            return "is a directory";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            return $"no such directory: {folder}";
        return null;
    }

    /// <summary>Writes the file; returns the reason it could not, or null.</summary>
    public static string? Write(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return e.Message;
        }
    }
}
