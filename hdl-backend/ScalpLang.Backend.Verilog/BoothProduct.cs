using System.Globalization;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// a·b for a signed a and a b known to be non-negative below 2^k, as radix-4 Booth rows summed with
/// <c>+</c>. yosys 0.23 maps a written <c>$signed(a) * $signed(b)</c> to an array of full-width
/// partial products; here b's bits are recoded into ceil((k + 1)/2) digits in -2..2, each row is 0,
/// ±a or ±2a (a select and an XOR per bit, a negative row's +1 gathered into one correction term),
/// and the shifted rows and the correction form one multi-operand sum, which yosys reduces with
/// carry-save adders and a single carry chain.
/// </summary>
internal static class BoothProduct
{
    /// <summary>Deliberate faults for the tests' sabotage checks; None in the emitter.</summary>
    internal enum Fault { None, DropCorrection, TopDigitNeverTwo, NarrowMultiplicand }

    /// <summary>The product's width: |a·b| &lt;= 2^(aWidth - 1)·(2^k - 1) &lt; 2^(aWidth + k - 1).</summary>
    public static int Width(int aWidth, int bBits) => aWidth + bBits;

    /// <summary>Booth digits for a k-bit non-negative b: b read as k + 1 bits (the top one 0), two bits a digit.</summary>
    public static int Digits(int bBits) => (bBits + 2) / 2;

    /// <summary>
    /// Writes wire <paramref name="name"/> (signed, <see cref="Width"/> bits) = a·b through
    /// <paramref name="line"/>: a a signed wire of <paramref name="aWidth"/> bits (any value), b an
    /// unsigned wire of <paramref name="bBits"/> bits (so 0 &lt;= b &lt; 2^k).
    /// </summary>
    public static void Write(Action<string> line, string name, string a, int aWidth, string b, int bBits) =>
        Write(line, name, a, aWidth, b, bBits, Fault.None);

    internal static void Write(Action<string> line, string name, string a, int aWidth, string b, int bBits, Fault fault)
    {
        if (aWidth < 2 || bBits < 1)
            throw new ArgumentOutOfRangeException(nameof(aWidth), $"a Booth product needs a of 2 bits or more and b of 1 or more ({aWidth}, {bBits})");
        var width = Width(aWidth, bBits);
        var digits = Digits(bBits);
        var rowWidth = aWidth + 1;
        line($"// {name} = {a} * {b}, radix-4 Booth: b (0..2^{D(bBits)} - 1) read as {D(bBits + 1)} bits (the top one 0) gives");
        line($"// {D(digits)} digits d_i = -2 b[2i+1] + b[2i] + b[2i-1] in -2..2 (b[-1] = 0) with b = sum d_i 4^i, so a*b =");
        line($"// sum d_i a 4^i. A row is d_i*a on {D(rowWidth)} bits (|2a| <= 2^{D(aWidth)}), a negative one written ~(|d_i| a) = d_i a - 1,");
        line($"// its +1 in the correction term. |a*b| <= 2^{D(aWidth - 1)} (2^{D(bBits)} - 1) < 2^{D(width - 1)}: the {D(width)}-bit sum, taken");
        line($"// modulo 2^{D(width)} with every row sign-extended, is the exact product.");
        // With k even the top row reaches one bit past the product and that bit is unused (k odd: none is).
        var cut = 2 * (digits - 1) + rowWidth > width;
        if (cut)
            line("/* verilator lint_off UNUSEDSIGNAL */ // the top row's bit above the product's width");
        // b with b[-1] = 0 below and 0s above: digit i reads y[2i+2:2i] = b[2i+1], b[2i], b[2i-1].
        var yWidth = 2 * digits + 1;
        var y = $"{name}_y";
        line($"wire       {Range(yWidth)}{y} = {{{D(yWidth - bBits - 1)}'d0, {b}, 1'b0}};");
        var multiplicand = fault == Fault.NarrowMultiplicand
            ? $"{{{{2{{{a}[{D(aWidth - 2)}]}}}}, {a}[{D(aWidth - 2)}:0]}}"
            : $"{{{a}[{D(aWidth - 1)}], {a}}}";
        line($"wire signed {Range(rowWidth)}{name}_a = {multiplicand};   // a; 2a is {{{name}_a[{D(aWidth - 1)}:0], 1'b0}}");
        var terms = new List<string>();
        for (var i = 0; i < digits; i++)
        {
            var (hi, mid, lo) = ($"{y}[{D(2 * i + 2)}]", $"{y}[{D(2 * i + 1)}]", $"{y}[{D(2 * i)}]");
            var two = fault == Fault.TopDigitNeverTwo && i == digits - 1 ? "1'b0" : $"{hi} ? !({mid} | {lo}) : ({mid} & {lo})";
            line($"wire {name}_one_{D(i)} = {mid} ^ {lo};        // |d_{D(i)}| = 1");
            line($"wire {name}_two_{D(i)} = {two};   // |d_{D(i)}| = 2");
            line($"wire {name}_neg_{D(i)} = {hi};   // d_{D(i)} < 0 (or b's bits 1, 1, 1: d = 0, written ~0 = -1, and +1)");
            line($"wire       {Range(rowWidth)}{name}_row_{D(i)} = ({name}_one_{D(i)} ? {name}_a : {name}_two_{D(i)} ? {{{name}_a[{D(aWidth - 1)}:0], 1'b0}} : {D(rowWidth)}'d0) ^ {{{D(rowWidth)}{{{name}_neg_{D(i)}}}}};");
            terms.Add(Shifted($"{name}_row_{D(i)}", rowWidth, 2 * i, width));
        }
        // The +1 of each negative row at its weight 4^i: bit 2i of the correction term.
        // Its 2m - 1 bits are below the product's width (2m - 1 <= k + 1 < aWidth + k).
        var correctionWidth = 2 * digits - 1;
        var correction = string.Join(", 1'b0, ", Enumerable.Range(0, digits).Reverse().Select(i =>
            fault == Fault.DropCorrection && i == 0 ? "1'b0" : $"{name}_neg_{D(i)}"));
        line($"wire       {Range(correctionWidth)}{name}_ones = {{{correction}}};");
        terms.Add($"{{{D(width - correctionWidth)}'d0, {name}_ones}}");
        for (var t = 0; t < terms.Count; t++)
        {
            var end = t == terms.Count - 1 ? ";" : "";
            line(t == 0 ? $"wire signed {Range(width)}{name} = {terms[t]}{end}" : $"    + {terms[t]}{end}");
        }
        if (cut)
            line("/* verilator lint_on UNUSEDSIGNAL */");
    }

    /// <summary>A row of <paramref name="rowWidth"/> bits times 2^shift, sign-extended or cut to the product's width.</summary>
    private static string Shifted(string row, int rowWidth, int shift, int width)
    {
        var low = shift == 0 ? "" : $", {D(shift)}'d0";
        var span = rowWidth + shift;
        if (span >= width)
            return $"{{{row}[{D(width - shift - 1)}:0]{low}}}";
        return $"{{{{{D(width - span)}{{{row}[{D(rowWidth - 1)}]}}}}, {row}{low}}}";
    }

    private static string D(int value) => value.ToString(CultureInfo.InvariantCulture);
}
