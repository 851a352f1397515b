namespace ScalpLang.Runtime.Abi.Models;

/// <summary>
/// A strategy's ONNX model cannot be loaded when it starts (no host, the file is gone or changed).
/// An <see cref="ArgumentException"/> because every host already refuses a strategy that cannot
/// start that way (a <c>levels:</c> param out of range), with the message and a non-zero exit.
/// </summary>
public sealed class ModelLoadException : ArgumentException
{
    public ModelLoadException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    public ModelLoadException()
    {
    }

    public ModelLoadException(string message) : base(message)
    {
    }
}
