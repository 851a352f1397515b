using System.Globalization;

namespace ScalpLang.Hdl.Synth;

/// <summary>Small text helpers shared by the generators (invariant culture, sized literals).</summary>
internal static class VerilogWords
{
    public static string Dec(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An unsigned sized decimal literal: <c>8'd3</c>.</summary>
    public static string Sized(int width, long value) => $"{Dec(width)}'d{value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>{{n{1'b0}}, rest}</c>: n zero bits then rest (no zero replication when n is 0: Verilog-2005 has none).</summary>
    public static string ZerosThen(int count, string rest) => count == 0 ? $"{{{rest}}}" : $"{{{{{Dec(count)}{{1'b0}}}}, {rest}}}";

    /// <summary>Bits needed to hold 0..value.</summary>
    public static int BitsFor(long value) => Math.Max(1, 64 - (int)long.LeadingZeroCount(value));

    /// <summary>A Verilog identifier: letters, digits and underscores, not starting with a digit.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
