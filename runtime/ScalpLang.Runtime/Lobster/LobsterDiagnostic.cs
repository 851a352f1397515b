namespace ScalpLang.Runtime.Lobster;

/// <summary>
/// A problem with a LOBSTER file, printed as <c>file:line: reason</c> (or <c>file: reason</c>
/// for the file as a whole), the form editors and CI logs turn into links. The file is the path
/// as the caller gave it.
/// </summary>
public sealed record LobsterDiagnostic(string File, long Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}
