namespace ScalpLang.Compiler.Models;

/// <summary>
/// Checks that a file is a headline sentiment model (`scalp train-text`; the ML.NET implementation
/// lives in runtime/ScalpLang.Ml). Never throws for a bad file: the failure comes back as data and
/// becomes a diagnostic at the sentiment declaration.
/// </summary>
public interface ISentimentModelReader
{
    /// <returns><see cref="ModelReadFailure.None"/> with an empty message when the file is a sentiment model.</returns>
    (ModelReadFailure Failure, string Message) Check(string fullPath);
}
