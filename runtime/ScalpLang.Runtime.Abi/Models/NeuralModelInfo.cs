namespace ScalpLang.Runtime.Abi.Models;

/// <summary>
/// An ONNX model a compiled strategy scores through its host (grammar/README.md §3.4): the file
/// (absolute, resolved when the strategy was built), the features per evaluation and how many
/// evaluations the input tensor holds (1 without <c>history</c>).
/// </summary>
public sealed record NeuralModelInfo(string Name, string Path, int Features, int History);
