namespace ScalpLang.Cli;

/// <summary>The `scalp` exit codes (DESIGN.md §6): tests and CI pipelines rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Errors = 1;
    public const int UsageOrIo = 2;

    /// <summary>`scalp run --venue fix`: no connection to the venue, or it did not accept the logon.</summary>
    public const int VenueUnavailable = 3;
}
