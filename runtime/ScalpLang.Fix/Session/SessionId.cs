namespace ScalpLang.Fix.Session;

/// <summary>A FIX session's identity, from this side: our SenderCompID, the counterparty's TargetCompID.</summary>
public readonly record struct SessionId(string BeginString, string SenderCompId, string TargetCompId)
{
    public override string ToString() => $"{BeginString}:{SenderCompId}->{TargetCompId}";

    /// <summary>A name usable in file names (store paths).</summary>
    public string FileName => $"{BeginString}-{SenderCompId}-{TargetCompId}";
}
