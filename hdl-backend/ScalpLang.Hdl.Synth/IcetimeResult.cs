using System.Globalization;
using System.Text.RegularExpressions;

namespace ScalpLang.Hdl.Synth;

/// <summary>icetime's static timing estimate of the placed design: <c>Total path delay: 9.41 ns (106.27 MHz)</c>.</summary>
public static partial class IcetimeResult
{
    public static double? ParseMhz(string output)
    {
        var m = TotalPath().Match(output);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"Total path delay:\s+[0-9.]+ ns \(([0-9.]+) MHz\)")]
    private static partial Regex TotalPath();
}
