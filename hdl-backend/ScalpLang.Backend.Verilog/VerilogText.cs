using System.Globalization;
using System.Numerics;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Width-exact Verilog spellings. Every operand is extended or cut to its operation's width
/// explicitly, so Verilog's context-width and signedness rules never decide a result (and
/// <c>verilator -Wall</c> sees no implicit width change).
/// </summary>
internal static class VerilogText
{
    /// <summary>A signed literal as its two's-complement bit pattern (no unary minus: it would overflow at the minimum).</summary>
    public static string Literal(BigInteger value, int width)
    {
        var pattern = value & ((BigInteger.One << width) - 1);
        var hex = pattern.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return $"{width}'sh{(hex.Length == 0 ? "0" : hex)}";
    }

    /// <summary>A signed wire <paramref name="name"/> of <paramref name="from"/> bits as a signed value of <paramref name="to"/> bits.</summary>
    public static string Signed(string name, int from, int to)
    {
        if (from == to)
            return name;
        if (to < from)
            return $"$signed({name}[{to - 1}:0])";
        return $"$signed({{{{{to - from}{{{name}[{from - 1}]}}}}, {name}}})";
    }

    /// <summary>An unsigned wire of <paramref name="from"/> bits zero-extended to <paramref name="to"/> bits.</summary>
    public static string Unsigned(string name, int from, int to) =>
        from == to ? name : $"{{{to - from}'d0, {name}}}";

    public static string Range(int width) => $"[{width - 1}:0] ";
}
