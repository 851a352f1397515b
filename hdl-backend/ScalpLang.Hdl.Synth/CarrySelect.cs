using System.Text;
using static ScalpLang.Hdl.Synth.VerilogWords;

namespace ScalpLang.Hdl.Synth;

/// <summary>
/// Wide subtraction and negation as short carry chains (an iCE40 carry costs about 0.13 ns a bit,
/// so a 66-bit chain alone is 9-10 ns): each segment of <c>segment</c> bits is computed for both
/// possible borrows (carries) in parallel, and the lower segments' result selects one. The
/// selects form a short LUT chain, one level per segment. A segment of 0 or at least the width
/// emits the plain operator (one chain).
/// </summary>
internal static class CarrySelect
{
    /// <summary>
    /// Emits <c>{prefix}_diff</c> (width bits, <c>x - y</c> mod 2^width) and <c>{prefix}_borrow</c>
    /// (x &lt; y) for two unsigned wires of <paramref name="width"/> bits.
    /// </summary>
    public static void Subtract(StringBuilder v, string prefix, string x, string y, int width, int segment)
    {
        if (segment <= 0 || segment >= width)
        {
            v.Append($"    wire [{Dec(width)}:0] {prefix}_full = {{1'b0, {x}}} - {{1'b0, {y}}};\n");
            v.Append($"    wire {prefix}_borrow = {prefix}_full[{Dec(width)}];\n");
            v.Append($"    wire [{Dec(width - 1)}:0] {prefix}_diff = {prefix}_full[{Dec(width - 1)}:0];\n");
            return;
        }
        var parts = new List<string>();
        var j = 0;
        for (var lo = 0; lo < width; lo += segment, j++)
        {
            var hi = Math.Min(width, lo + segment) - 1;
            int w = hi - lo + 1;
            string p = $"{prefix}_s{Dec(j)}", xs = $"{x}[{Dec(hi)}:{Dec(lo)}]", ys = $"{y}[{Dec(hi)}:{Dec(lo)}]";
            // Borrow in 0: x - y. Borrow in 1: x - y - 1 = x + ~y, whose carry out means no borrow.
            v.Append($"    wire [{Dec(w)}:0] {p}_b0 = {{1'b0, {xs}}} - {{1'b0, {ys}}};\n");
            if (j == 0)
            {
                v.Append($"    wire {p}_borrow = {p}_b0[{Dec(w)}];\n");
                v.Append($"    wire [{Dec(w - 1)}:0] {p}_diff = {p}_b0[{Dec(w - 1)}:0];\n");
            }
            else
            {
                var below = $"{prefix}_s{Dec(j - 1)}_borrow";
                v.Append($"    wire [{Dec(w)}:0] {p}_b1 = {{1'b0, {xs}}} + {{1'b0, ~{ys}}};\n");
                v.Append($"    wire {p}_borrow = {below} ? !{p}_b1[{Dec(w)}] : {p}_b0[{Dec(w)}];\n");
                v.Append($"    wire [{Dec(w - 1)}:0] {p}_diff = {below} ? {p}_b1[{Dec(w - 1)}:0] : {p}_b0[{Dec(w - 1)}:0];\n");
            }
            parts.Add($"{p}_diff");
        }
        parts.Reverse();
        v.Append($"    wire {prefix}_borrow = {prefix}_s{Dec(j - 1)}_borrow;\n");
        v.Append($"    wire [{Dec(width - 1)}:0] {prefix}_diff = {{{string.Join(", ", parts)}}};\n");
    }

    /// <summary>
    /// Emits <c>{prefix}_neg</c> = -x mod 2^width (two's complement) for an unsigned wire: a segment
    /// adds the +1 only when every bit below it is 0 (each segment's zero test is a small tree).
    /// </summary>
    public static void Negate(StringBuilder v, string prefix, string x, int width, int segment)
    {
        if (segment <= 0 || segment >= width)
        {
            v.Append($"    wire [{Dec(width - 1)}:0] {prefix}_neg = ~{x} + {Sized(width, 1)};\n");
            return;
        }
        var parts = new List<string>();
        var j = 0;
        for (var lo = 0; lo < width; lo += segment, j++)
        {
            var hi = Math.Min(width, lo + segment) - 1;
            int w = hi - lo + 1;
            string p = $"{prefix}_s{Dec(j)}", xs = $"{x}[{Dec(hi)}:{Dec(lo)}]";
            v.Append($"    wire {p}_zero = {xs} == {Sized(w, 0)};\n");
            if (j == 0)
            {
                v.Append($"    wire [{Dec(w - 1)}:0] {p}_neg = ~{xs} + {Sized(w, 1)};\n");
                v.Append($"    wire {p}_all_zero = {p}_zero;\n");
            }
            else
            {
                var below = $"{prefix}_s{Dec(j - 1)}_all_zero";
                v.Append($"    wire [{Dec(w - 1)}:0] {p}_neg = {below} ? ~{xs} + {Sized(w, 1)} : ~{xs};\n");
                v.Append($"    wire {p}_all_zero = {below} && {p}_zero;\n");
            }
            parts.Add($"{p}_neg");
        }
        parts.Reverse();
        v.Append($"    wire [{Dec(width - 1)}:0] {prefix}_neg = {{{string.Join(", ", parts)}}};\n");
    }
}
