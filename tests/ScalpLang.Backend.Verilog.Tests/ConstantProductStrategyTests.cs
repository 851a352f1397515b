using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Strategies whose products and quotient comparisons are by constants, IL vs simulated Verilog
/// (ConstantProduct through the emitter): `*` by a constant on full-range operands (the 64-bit
/// wrap: the exact product's bits 79..16) and on ranged ones, and a quotient compared with a
/// constant of either sign, at the boundaries (q equal to the bound and one raw step either side).
/// </summary>
[Trait("Category", "Simulator")]
public sealed class ConstantProductStrategyTests
{
    private static readonly long[] Edges = [0, 1, -1, 65536, -65536, 32768, -32769, long.MaxValue, long.MinValue, long.MinValue + 1,
        1L << 47, -(1L << 47), (1L << 47) - 1, 3, -3, 0x7FFF_FFFF_0000, -0x7FFF_FFFF_0000, 1L << 62, -(1L << 62)];

    public static TheoryData<string, string> Products() => new()
    {
        { "by_1_5", "a * 1.5" },
        { "by_minus_0_3", "a * -0.3" },
        { "by_70000", "70000 * a" },
        { "by_raw_1", "a * 0.0000153" },
        { "by_0_6", "0.6 * a" },
        { "by_3", "a * 3" },
    };

    [Theory]
    [MemberData(nameof(Products))]
    public void Products_by_a_constant_agree_on_full_range_operands(string name, string product)
    {
        var program = Strategies.Lower($"""
            strategy Full_{name}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1
            rule r priority 1 when a == a => buy {product} at market
            """);
        Assert.Contains("_csd0", VerilogBackend.Emit(program).Module!, StringComparison.Ordinal);
        var random = new Random(name.Length * 31 + name[^1]);
        Agree(program, [.. Enumerable.Range(0, 160).Select(i => Set(("a", i < Edges.Length ? Edges[i] : random.NextInt64(long.MinValue, long.MaxValue))))]);
    }

    [Theory]
    [MemberData(nameof(Products))]
    public void Products_by_a_constant_agree_on_ranged_operands(string name, string product)
    {
        var program = Strategies.Lower($"""
            strategy Ranged_{name}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1 in -70000..70000
            rule r priority 1 when a == a => buy {product} at market
            """);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.Contains("_csd0", module, StringComparison.Ordinal);
        Assert.DoesNotContain(Code(module), l => l.Contains(" * ", StringComparison.Ordinal));
        var random = new Random(name.Length * 37 + name[0]);
        long[] edges = [0, 1, -1, 70000L << 16, -70000L << 16, (70000L << 16) - 1, -(70000L << 16) + 1];
        Agree(program, [.. Enumerable.Range(0, 120).Select(i => Set(("a", i < edges.Length ? edges[i] : random.NextInt64(-70000L << 16, (70000L << 16) + 1))))]);
    }

    [Theory]
    [InlineData(">", "0.6")]
    [InlineData(">=", "0.6")]
    [InlineData("<", "-0.25")]
    [InlineData("<=", "0")]
    [InlineData("==", "1.5")]
    [InlineData("!=", "-1.5")]
    [InlineData(">", "-0.0000153")]
    [InlineData("<", "3")]
    public void A_quotient_compared_with_a_constant_agrees(string comparison, string bound)
    {
        var program = Strategies.Lower($"""
            strategy Quotient
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1 in -5000..5000
            param c: lots = 1 in 0..70000
            rule r priority 1 when a / c {comparison} {bound} => buy 1 at market
            """);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.Contains("without dividing", module, StringComparison.Ordinal);
        Assert.DoesNotContain(Code(module), l => l.Contains(" * ", StringComparison.Ordinal));
        var t = (long)Math.Round(double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture) * 65536);
        var random = new Random(comparison.Length * 13 + bound.Length);
        var sets = new List<IReadOnlyDictionary<string, long>>();
        for (var i = 0; i < 200; i++)
        {
            var c = i % 7 == 0 ? 0 : random.NextInt64(1, (70000L << 16) + 1);
            // a chosen so that a / c lands on the bound, one raw step either side, or anywhere.
            var target = (i % 4) switch { 0 => t, 1 => t + 1, 2 => t - 1, _ => random.NextInt64(-(5L << 16), 5L << 16) };
            var a = (long)System.Numerics.BigInteger.Clamp((System.Numerics.BigInteger)c * target >> 16, -5000L << 16, 5000L << 16);
            a += i % 3 == 0 ? 0 : random.Next(-2, 3);
            sets.Add(Set(("a", Math.Clamp(a, -5000L << 16, 5000L << 16)), ("c", c)));
        }
        var il = Agree(program, sets);
        // Both outcomes occur, so the comparison is not stuck.
        Assert.Contains(il, o => o.Action == ActionCodes.None);
        Assert.Contains(il, o => o.Action != ActionCodes.None);
    }

    /// <summary>The module's lines that are not comments (the .scalp source lines quoted in comments have their own `*`).</summary>
    private static IEnumerable<string> Code(string module) => module.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));

    private static Dictionary<string, long> Set(params (string Name, long Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static List<InstanceHarness.Outcome> Agree(IrProgram program, List<IReadOnlyDictionary<string, long>> sets)
    {
        var il = InstanceHarness.Il(program, sets);
        var simulated = InstanceHarness.Simulated(program, sets);
        for (var i = 0; i < sets.Count; i++)
            Assert.True(il[i] == simulated[i], $"case {i} ({string.Join(", ", sets[i].Select(p => $"{p.Key}={p.Value}"))}): IL {il[i]}, Verilog {simulated[i]}");
        return il;
    }
}
