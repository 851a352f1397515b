using System.Globalization;
using ScalpLang.Compiler.Models;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// A timing unit named on the command line (`scalp synth --unit`): <c>div</c> or
/// <c>div:N/D/Q/F/R[/G]</c> (numerator, divisor and quotient widths, fraction bits, bits per cycle,
/// carry-chain segment bits; <c>div</c> alone is the language's Q47.16 division, radix 2),
/// <c>isqrt</c> or <c>isqrt:W/R[/G]</c> (input width, bits per cycle, segment; <c>isqrt</c> alone
/// is 64 bits, radix 2), <c>model:PATH.zip</c> (a trained model as the pipelined unit of
/// <see cref="ModelUnitGenerator"/>). G defaults to <see cref="DividerSpec.DefaultSegmentBits"/>.
/// </summary>
public static class TimingUnitChoice
{
    public static TimingUnit? Parse(string text, out string? error) => Parse(text, null, out error);

    /// <param name="models">Reads <c>model:PATH.zip</c> (ML.NET; the CLI's reader); null: models are not offered.</param>
    public static TimingUnit? Parse(string text, IModelReader? models, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text.StartsWith("model:", StringComparison.Ordinal))
            return Model(text, text["model:".Length..], models, out error);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var numbers = new List<int>();
        if (colon >= 0)
        {
            foreach (var part in text[(colon + 1)..].Split('/'))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    error = $"--unit {text}: '{part}' is not a whole number";
                    return null;
                }
                numbers.Add(n);
            }
        }
        try
        {
            return (kind, numbers.Count) switch
            {
                ("div", 0) => DividerGenerator.Generate(DividerSpec.Q47_16),
                ("div", 5) => DividerGenerator.Generate(new DividerSpec(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])),
                ("div", 6) => DividerGenerator.Generate(new DividerSpec(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5])),
                ("isqrt", 0) => SquareRootGenerator.Generate(new SquareRootSpec()),
                ("isqrt", 2) => SquareRootGenerator.Generate(new SquareRootSpec(numbers[0], numbers[1])),
                ("isqrt", 3) => SquareRootGenerator.Generate(new SquareRootSpec(numbers[0], numbers[1], numbers[2])),
                _ => Refuse(text, out error),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = $"--unit {text}: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}";
            return null;
        }
    }

    private static TimingUnit? Refuse(string text, out string? error)
    {
        error = $"--unit {text} is not known; use div, div:N/D/Q/F/R[/G], isqrt, isqrt:W/R[/G] or model:PATH.zip";
        return null;
    }

    /// <summary>A trained .zip model, quantised as the compiler does (ModelQuantiser), as the pipelined unit.</summary>
    private static TimingUnit? Model(string text, string path, IModelReader? models, out string? error)
    {
        error = null;
        if (models is null || path.Length == 0 || !path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            error = models is null ? $"--unit {text}: models cannot be read here" : $"--unit {text}: give an ML.NET model file, model:PATH.zip";
            return null;
        }
        var read = models.Read(Path.GetFullPath(path));
        if (read.Model is not { } model)
        {
            error = $"--unit {text}: {path}: {(read.Failure == ModelReadFailure.Missing ? "no such file" : read.Message)}";
            return null;
        }
        var (function, scale, offset) = ModelQuantiser.Quantise(model);
        var stem = new string([.. Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_')]);
        return ModelUnitGenerator.Generate($"scalp_model_{stem}", function, scale, offset, model.Features.Length);
    }
}
