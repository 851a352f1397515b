using System.Globalization;
using System.Numerics;

namespace ScalpLang.Backend.Verilog.Tests.Infrastructure;

/// <summary>Two's-complement values of a given width as the hex text vector testbenches read and write ($fscanf/$fwrite %h).</summary>
public static class SignedHex
{
    /// <summary>A width-bit two's-complement hex pattern as its signed value.</summary>
    public static BigInteger Parse(string hex, int width)
    {
        var value = BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return value >= BigInteger.One << (width - 1) ? value - (BigInteger.One << width) : value;
    }

    /// <summary>A signed value as its width-bit two's-complement hex pattern, no leading zeros.</summary>
    public static string Format(BigInteger value, int width) =>
        (value & ((BigInteger.One << width) - 1)).ToString("x", CultureInfo.InvariantCulture).TrimStart('0') is { Length: > 0 } h ? h : "0";
}
