namespace ScalpLang.Scripting;

/// <summary>
/// A ScalpLang error met by a script: a strategy with compile errors (the message lists the
/// diagnostics as `scalp check` prints them), bad data, or a bad parameter override.
/// </summary>
public sealed class ScalpException : Exception
{
    public ScalpException(string message) : base(message)
    {
    }

    public ScalpException(string message, Exception inner) : base(message, inner)
    {
    }

    public ScalpException()
    {
    }
}
