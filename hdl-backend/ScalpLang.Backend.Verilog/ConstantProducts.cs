using System.Numerics;
using static ScalpLang.Backend.Verilog.VerilogText;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// Products of one operand by several constants known when writing (a rule pair like `aggr &gt; 0.6`
/// and `aggr &lt; 0.4` multiplies the same total by 39,323 and 26,214). Each new product x·c is
/// written on its own (ConstantProduct: one adder per canonical signed digit after the first), or
/// as an earlier product x·c' plus or minus x·(c ∓ c'), whichever takes fewer adders: 26,214 =
/// 65,537 - 39,323, and 65,537 = 2^16 + 2^0 has two digits, so x·26,214 is one adder for x·65,537
/// and one subtraction of x·39,323, where on its own it takes seven.
/// </summary>
internal sealed class ConstantProducts(Action<string> line)
{
    private readonly Dictionary<string, List<(BigInteger C, ConstantProduct.Product P)>> _byOperand = [];

    /// <summary>Deliberate faults for the tests' sabotage checks; None in the emitter.</summary>
    internal enum Fault { None, WrongCombination }

    internal Fault Sabotage { get; init; } = Fault.None;

    /// <summary>
    /// Digits from which a product on its own is added over the fold instead (SerialConstantProduct):
    /// below that, its few adders cost about what the serial unit's adder, selects and registers do.
    /// </summary>
    public const int SerialMinDigits = 5;

    /// <summary>A serial product's plan (EvaluationFold): it loads in the cycle after <c>Before</c> is high.</summary>
    public readonly record struct Serial(string Before, int PerStep, int Steps);

    /// <summary>Whether a product by c on its own would be serial under a fold (before any derivation).</summary>
    public static bool WouldBeSerial(BigInteger c) => ConstantProduct.Digits(c).Length >= SerialMinDigits;

    /// <summary>x·c as ConstantProduct.Write writes it, possibly from an earlier product of the same x.</summary>
    /// <param name="serial">under a fold: a product of <see cref="SerialMinDigits"/> digits or more on its own is serial, this plan's.</param>
    public ConstantProduct.Product Write(string name, string x, int xWidth, BigInteger lo, BigInteger hi, BigInteger c, Serial? serial = null)
    {
        var key = $"{x}/{xWidth}/{lo}/{hi}";
        if (!_byOperand.TryGetValue(key, out var earlier))
            _byOperand[key] = earlier = [];
        if (earlier.FirstOrDefault(e => e.C == c) is { P: not null } same)
            return same.P;
        // Adders: a product by d on its own takes digits(d) - 1; from an earlier one, digits(d) for x·(c ∓ c') and the sum.
        var best = (Adders: ConstantProduct.Digits(c).Length - 1, From: default((BigInteger C, ConstantProduct.Product P)?), Delta: BigInteger.Zero);
        foreach (var e in earlier)
        {
            foreach (var delta in new[] { c - e.C, c + e.C })
            {
                var adders = ConstantProduct.Digits(delta).Length;
                if (!delta.IsZero && adders < best.Adders)
                    best = (adders, e, delta);
            }
        }
        ConstantProduct.Product product;
        if (best.From is { } from)
        {
            // c = delta + c' (delta = c - c') or c = delta - c' (delta = c + c').
            var plus = best.Delta == c - from.C;
            if (Sabotage == Fault.WrongCombination)
                plus = !plus;
            var part = ConstantProduct.Write(line, $"{name}_part", x, xWidth, lo, hi, best.Delta);
            var range = ConstantProduct.Times(lo, hi, c);
            var width = range.SignedWidth;
            var sum = Math.Max(Math.Max(part.Width, from.P.Width), width) + 1;
            line($"// {name} = {x} * {c} = {name}_part {(plus ? "+" : "-")} {from.P.Signal} ({x} * {from.C}): fewer adders than on its own (ConstantProducts)");
            line("/* verilator lint_off UNUSEDSIGNAL */ // the exact sum fits the product's range: its top bits are the sign's");
            line($"wire signed {Range(sum)}{name}_sum = {Signed(part.Signal, part.Width, sum)} {(plus ? "+" : "-")} {Signed(from.P.Signal, from.P.Width, sum)};");
            line("/* verilator lint_on UNUSEDSIGNAL */");
            line($"wire signed {Range(width)}{name} = {Signed($"{name}_sum", sum, width)};");
            product = new ConstantProduct.Product(name, width, range);
        }
        else if (serial is { } plan && WouldBeSerial(c))
        {
            product = SerialConstantProduct.Write(line, name, x, xWidth, lo, hi, c, plan.Before, plan.PerStep, plan.Steps);
        }
        else
        {
            product = ConstantProduct.Write(line, name, x, xWidth, lo, hi, c);
        }
        earlier.Add((c, product));
        return product;
    }
}
