namespace ScalpLang.Fix.Session;

/// <summary>A settings file that cannot be used; the message names the file and line.</summary>
public sealed class SessionSettingsException : Exception
{
    public SessionSettingsException() { }
    public SessionSettingsException(string message) : base(message) { }
    public SessionSettingsException(string message, Exception innerException) : base(message, innerException) { }
}
