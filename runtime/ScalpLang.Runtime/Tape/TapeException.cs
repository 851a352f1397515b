namespace ScalpLang.Runtime.Tape;

/// <summary>A tape cannot be written or read; the message names the file and the record.</summary>
public sealed class TapeException(string message) : Exception(message);
