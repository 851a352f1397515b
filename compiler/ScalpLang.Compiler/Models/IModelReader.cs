namespace ScalpLang.Compiler.Models;

/// <summary>
/// Reads a trained model file for the compiler (the ML.NET implementation lives in
/// runtime/ScalpLang.Ml). Never throws for a bad file: the failure comes back as data and
/// becomes a diagnostic at the model declaration.
/// </summary>
public interface IModelReader
{
    ModelReadResult Read(string fullPath);
}

public enum ModelReadFailure
{
    None,
    /// <summary>No such file, or a directory.</summary>
    Missing,
    /// <summary>Not a model file the reader understands (not a zip, a damaged zip, a damaged model).</summary>
    Corrupt,
    /// <summary>A model, but not one the compiler can import (not a binary classifier, no feature schema).</summary>
    Unsupported,
}

/// <summary>Either a model or a failure with a message that says what is wrong.</summary>
public sealed record ModelReadResult(ImportedModel? Model, ModelReadFailure Failure, string Message)
{
    public static ModelReadResult Ok(ImportedModel model) => new(model, ModelReadFailure.None, "");

    public static ModelReadResult Fail(ModelReadFailure failure, string message) => new(null, failure, message);
}
