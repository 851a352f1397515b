using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// A value fixed at elaboration written as Offset + Σ Coefficient·p over the module's params (raw
/// Q47.16 values), e.g. <c>threshold + 2^-16</c> or <c>-threshold</c>. Only sums, differences and
/// negations of params and constants have one, and only where no step wraps (the range analysis:
/// then the exact integer form is the IL's 64-bit value). Two products of the same operand by
/// factors f and -f are one product and its negation (ParamProducts), which is how the two sides of
/// <c>imb &gt; threshold</c> / <c>imb &lt; -threshold</c> share their adders.
/// </summary>
internal sealed record BuildTimeLinear(ImmutableSortedDictionary<int, BigInteger> Terms, BigInteger Offset)
{
    public static BuildTimeLinear Constant(BigInteger value) => new(ImmutableSortedDictionary<int, BigInteger>.Empty, value);

    /// <summary>Each node's form, null where it has none (not fixed at build time, a product or quotient, or a wrapping step).</summary>
    public static BuildTimeLinear?[] Find(IrProgram program, RangeAnalysis.Result ranges)
    {
        var forms = new BuildTimeLinear?[program.Nodes.Length];
        foreach (var node in program.Nodes)
        {
            if (ranges.Ranges[node.Id].Wraps || node.Type.Kind == Compiler.Semantics.TypeKind.Bool)
                continue;
            forms[node.Id] = node switch
            {
                IrConst c => Constant(c.Raw),
                IrParam p => new BuildTimeLinear(ImmutableSortedDictionary<int, BigInteger>.Empty.Add(p.Index, BigInteger.One), BigInteger.Zero),
                IrOperation { Op: IrOp.Add } o when forms[o.Args[0].Id] is { } a && forms[o.Args[1].Id] is { } b => a.Plus(b),
                IrOperation { Op: IrOp.Subtract } o when forms[o.Args[0].Id] is { } a && forms[o.Args[1].Id] is { } b => a.Plus(b.Negated()),
                IrOperation { Op: IrOp.Negate } o when forms[o.Args[0].Id] is { } a => a.Negated(),
                _ => null,
            };
        }
        return forms;
    }

    public bool IsConstant => Terms.IsEmpty;

    public BuildTimeLinear Plus(BuildTimeLinear other)
    {
        var terms = Terms.ToBuilder();
        foreach (var (param, c) in other.Terms)
        {
            var sum = terms.GetValueOrDefault(param) + c;
            if (sum.IsZero)
                terms.Remove(param);
            else
                terms[param] = sum;
        }
        return new BuildTimeLinear(terms.ToImmutable(), Offset + other.Offset);
    }

    public BuildTimeLinear Plus(BigInteger c) => this with { Offset = Offset + c };

    public BuildTimeLinear Negated() => new(Terms.ToImmutableSortedDictionary(t => t.Key, t => -t.Value), -Offset);

    /// <summary>
    /// The form with its first param's coefficient positive, and whether that negated this one: f and
    /// -f have the same canonical form, so a product by one is the other's negation.
    /// </summary>
    public (BuildTimeLinear Form, bool Negated) Canonical() =>
        !IsConstant && Terms.First().Value.Sign < 0 ? (Negated(), true) : (this, false);

    /// <summary>A key naming the canonical form's terms, e.g. <c>1*p0+65536</c>.</summary>
    public string Key => string.Join("+", Terms.Select(t => $"{t.Value}*p{t.Key}").Append(Offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The value as a Verilog constant expression of 64 bits over the params (each a 64-bit signed
    /// parameter <c>p_name</c>): computed mod 2^64, which is the exact value since no step wraps.
    /// </summary>
    public string Verilog(IrProgram program)
    {
        var parts = Terms.Select(t => t.Value == 1 ? $"p_{program.Params[t.Key].Name}"
            : t.Value == -1 ? $"-p_{program.Params[t.Key].Name}"
            : $"p_{program.Params[t.Key].Name} * {VerilogText.Literal(t.Value, 64)}").ToList();
        if (!Offset.IsZero || parts.Count == 0)
            parts.Add(VerilogText.Literal(Offset, 64));
        return string.Join(" + ", parts);
    }

    /// <summary>Readable, e.g. <c>threshold + 1</c> (raw units).</summary>
    public string Describe(IrProgram program)
    {
        var parts = Terms.Select(t => t.Value == 1 ? program.Params[t.Key].Name
            : t.Value == -1 ? $"-{program.Params[t.Key].Name}"
            : $"{t.Value}·{program.Params[t.Key].Name}").ToList();
        if (!Offset.IsZero || parts.Count == 0)
            parts.Add(Offset.ToString(CultureInfo.InvariantCulture));
        return string.Join(" + ", parts).Replace("+ -", "- ", StringComparison.Ordinal);
    }
}
