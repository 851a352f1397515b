using System.Collections.Immutable;
using System.Numerics;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// x·c for a constant c known when the Verilog is written, as shifted copies of x added and
/// subtracted in canonical signed-digit form (the fewest non-zero digits, none adjacent). yosys
/// maps a written <c>x * c</c> to one adder per set bit of c at the full written width; here each
/// digit is one adder about as wide as x: the partial sums run from the lowest digit up, and the
/// bits below a digit's shift are the previous partial sum's, passed through without an adder.
/// Every partial sum is sized to its exact range (x's range times the partial constant), so the
/// modular sums are the exact ones.
/// </summary>
internal static class ConstantProduct
{
    /// <summary>One non-zero digit: Sign·2^Shift.</summary>
    public readonly record struct Digit(int Shift, int Sign);

    /// <summary>Deliberate faults for the tests' sabotage checks; None in the emitter.</summary>
    internal enum Fault { None, DropDigit, NarrowPartial }

    /// <summary>The product's signal, its width and the exact range of its values.</summary>
    public sealed record Product(string Signal, int Width, ValueRange Range);

    /// <summary>c's non-adjacent form, lowest digit first: Σ Sign·2^Shift = c, no two digits at adjacent shifts.</summary>
    public static ImmutableArray<Digit> Digits(BigInteger c)
    {
        var digits = ImmutableArray.CreateBuilder<Digit>();
        for (var shift = 0; !c.IsZero; shift++, c >>= 1)
        {
            if (c.IsEven)
                continue;
            // c mod 4 (non-negative): 1 takes +1, 3 takes -1, leaving a multiple of 4 (so the next digit is 0).
            var sign = (int)(((c % 4) + 4) % 4) == 1 ? 1 : -1;
            digits.Add(new Digit(shift, sign));
            c -= sign;
        }
        return digits.ToImmutable();
    }

    /// <summary>c written as its digits, e.g. <c>2^16 - 2^14 + 2^12</c>.</summary>
    public static string Describe(BigInteger c)
    {
        var digits = Digits(c);
        if (digits.IsEmpty)
            return "0";
        var text = string.Join(" ", digits.Reverse().Select((d, i) => $"{(d.Sign < 0 ? "- " : i == 0 ? "" : "+ ")}2^{d.Shift}"));
        return text;
    }

    /// <summary>
    /// Writes wire <paramref name="name"/> = x·c through <paramref name="line"/>, x a signed wire of
    /// <paramref name="xWidth"/> bits whose values lie in [<paramref name="lo"/>, <paramref name="hi"/>].
    /// </summary>
    public static Product Write(Action<string> line, string name, string x, int xWidth, BigInteger lo, BigInteger hi, BigInteger c) =>
        Write(line, name, x, xWidth, lo, hi, c, Fault.None);

    internal static Product Write(Action<string> line, string name, string x, int xWidth, BigInteger lo, BigInteger hi, BigInteger c, Fault fault)
    {
        var range = Times(lo, hi, c);
        var width = range.SignedWidth;
        var digits = Digits(c);
        line($"// {name} = {x} * {c} (canonical signed digits: {Describe(c)})");
        if (digits.IsEmpty || range.Lo.IsZero && range.Hi.IsZero)
        {
            line($"wire signed {Range(width)}{name} = {Literal(0, width)};");
            return new Product(name, width, range);
        }
        if (fault == Fault.DropDigit && digits.Length > 1)
            digits = digits.RemoveAt(1);
        line("/* verilator lint_off UNUSEDSIGNAL */ // a partial sum's top bits can exceed the next one's range");
        // Partial sums in units of 2^j1 (j1 the lowest digit's shift): S_k = x·c_k, c_k the digits up to k.
        var j1 = digits[0].Shift;
        var partial = BigInteger.Zero;
        var (previous, previousWidth, previousRange) = ("", 0, ValueRange.Bool);
        for (var k = 0; k < digits.Length; k++)
        {
            var e = digits[k].Shift - j1;
            var add = digits[k].Sign > 0;
            partial += digits[k].Sign * (BigInteger.One << e);
            var sum = Times(lo, hi, partial);
            var signal = $"{name}_csd{k}";
            // The bits from e up: floor(S_k / 2^e) = floor(S_(k-1) / 2^e) ± x; the bits below are S_(k-1)'s.
            var upperRange = new ValueRange(Floor(sum.Lo, e), Floor(sum.Hi, e));
            var upper = upperRange.SignedWidth;
            if (fault == Fault.NarrowPartial && k == digits.Length - 1 && upper > 1)
                upper--;
            var xAtUpper = Signed(x, xWidth, upper);
            if (k == 0)
            {
                line($"wire signed {Range(upper)}{signal} = {(add ? "" : "-")}{xAtUpper};");
            }
            else
            {
                var above = Above(previous, previousWidth, previousRange, e, upper);
                var high = above is null ? $"{(add ? "" : "-")}{xAtUpper}" : $"{above} {(add ? "+" : "-")} {xAtUpper}";
                line($"wire signed {Range(upper)}{signal}_high = {high};");
                line($"wire signed {Range(upper + e)}{signal} = $signed({{{signal}_high, {Below(previous, previousWidth, e)}}});");
            }
            (previous, previousWidth, previousRange) = (signal, k == 0 ? upper : upper + e, sum);
        }
        var fromSum = width - j1;
        var body = fromSum <= previousWidth ? $"{previous}[{fromSum - 1}:0]" : $"{{{{{fromSum - previousWidth}{{{previous}[{previousWidth - 1}]}}}}, {previous}}}";
        line($"wire signed {Range(width)}{name} = $signed({(j1 == 0 ? body : $"{{{body}, {j1}'d0}}")});");
        line("/* verilator lint_on UNUSEDSIGNAL */");
        return new Product(name, width, range);
    }

    /// <summary>The exact range of x·c for x in [lo, hi].</summary>
    public static ValueRange Times(BigInteger lo, BigInteger hi, BigInteger c) =>
        new(BigInteger.Min(lo * c, hi * c), BigInteger.Max(lo * c, hi * c));

    private static BigInteger Floor(BigInteger v, int e) => v >> e;   // BigInteger's >> rounds toward minus infinity

    /// <summary>floor(S / 2^e) of a signed wire S as <paramref name="width"/> signed bits; null when it is 0 for every value.</summary>
    private static string? Above(string s, int sWidth, ValueRange sRange, int e, int width)
    {
        if (Floor(sRange.Lo, e).IsZero && Floor(sRange.Hi, e).IsZero)
            return null;
        if (e >= sWidth)
            return $"$signed({{{width}{{{s}[{sWidth - 1}]}}}})";
        var available = sWidth - e;
        return available >= width
            ? $"$signed({s}[{e + width - 1}:{e}])"
            : $"$signed({{{{{width - available}{{{s}[{sWidth - 1}]}}}}, {s}[{sWidth - 1}:{e}]}})";
    }

    /// <summary>The low <paramref name="e"/> bits of a signed wire S (sign-extended where S is narrower).</summary>
    private static string Below(string s, int sWidth, int e) =>
        e <= sWidth ? $"{s}[{e - 1}:0]" : $"{{{{{e - sWidth}{{{s}[{sWidth - 1}]}}}}, {s}}}";
}
