using System.Numerics;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// A quotient compared with a build-time value is decided without a divider
/// (QuotientComparisons): IL vs simulated Verilog for each comparison, both operand orders, on
/// operands chosen around the boundary (the bound equal to the exact quotient and its neighbours,
/// exact multiples, negative numerators, zero divisors).
/// </summary>
public sealed class QuotientComparisonTests
{
    private const int Cases = 240;

    private const string Params = """
        instrument "XYZ" tick 0.01 lot 1 currency USD
        param a: lots = 1 in -5000..5000
        param d: ratio = 1 in 0..3
        param t: lots = 0.5 in -20000..20000
        """;

    public static TheoryData<string, string> Conditions() => new()
    {
        { "gt", "a / d > t" },
        { "ge", "a / d >= t" },
        { "lt", "a / d < t" },
        { "le", "a / d <= t" },
        { "eq", "a / d == t" },
        { "ne", "a / d != t" },
        { "mirrored_lt", "t < a / d" },
        { "mirrored_ge", "t >= a / d" },
        { "negated_bound", "a / d < -t" },
    };

    [Theory]
    [Trait("Category", "Simulator")]
    [MemberData(nameof(Conditions))]
    public void Comparisons_without_a_divider_agree_with_the_il(string name, string condition)
    {
        var program = Strategies.Lower($"strategy Quotient_{name}\n{Params}\nrule r priority 1 when {condition} => buy 1 at market\n");
        AssertReduced(VerilogBackend.Emit(program).Module!);
        AssertAgrees(program, BoundarySets(name.GetHashCode(StringComparison.Ordinal)));
    }

    /// <summary>IL and simulated Verilog take the same decision for every set, and the sets decide both ways (a stuck comparison fails).</summary>
    private static void AssertAgrees(ScalpLang.Compiler.Ir.IrProgram program, List<IReadOnlyDictionary<string, long>> sets)
    {
        var il = InstanceHarness.Il(program, sets);
        var simulated = InstanceHarness.Simulated(program, sets);
        for (var i = 0; i < sets.Count; i++)
        {
            Assert.True(il[i] == simulated[i],
                $"case {i} ({string.Join(", ", sets[i].Select(p => $"{p.Key}={p.Value}"))}): IL {il[i]}, Verilog {simulated[i]}");
        }
        Assert.Contains(il, o => o.Action == ActionCodes.None);
        Assert.Contains(il, o => o.Action != ActionCodes.None);
    }

    /// <summary>A bound of fixed sign (threshold-like): each product by it has its digits chosen at elaboration (ParamProducts).</summary>
    private const string PositiveBound = """
        instrument "XYZ" tick 0.01 lot 1 currency USD
        param a: lots = 1 in -5000..5000
        param d: ratio = 1 in 0..3
        param t: lots = 0.5 in 0.25..20000
        """;

    public static TheoryData<string, string> PositiveBoundConditions() => new()
    {
        { "gt", "a / d > t" },
        { "ge", "a / d >= t" },
        { "le", "a / d <= t" },
        { "eq", "a / d == t" },
        { "negated_lt", "a / d < -t" },
        { "negated_ge", "a / d >= -t" },
        { "both_sides", "a / d > t or a / d < -t" },
    };

    [Theory]
    [Trait("Category", "Simulator")]
    [MemberData(nameof(PositiveBoundConditions))]
    public void Comparisons_with_a_bound_of_fixed_sign_agree_with_the_il(string name, string condition)
    {
        var program = Strategies.Lower($"strategy Fixed_{name}\n{PositiveBound}\nrule r priority 1 when {condition} => buy 1 at market\n");
        var module = VerilogBackend.Emit(program).Module!;
        AssertReduced(module);
        // One product by t (or t + 1) per comparison side, and the two sides of `q > t or q < -t` share theirs.
        Assert.Equal(name is "eq" ? 2 : 1, CountOf(module, "generate for"));
        AssertAgrees(program, BoundarySets(name.GetHashCode(StringComparison.Ordinal), tLo: 1L << 14, mirrorBound: name.StartsWith("negated", StringComparison.Ordinal) || name == "both_sides"));
    }

    [Fact]
    public void A_divisor_that_can_be_negative_keeps_the_divider()
    {
        var program = Strategies.Lower("""
            strategy SignedDivisor
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1 in -5000..5000
            param d: ratio = 1 in -3..3
            param t: lots = 0.5 in -3..3
            rule r priority 1 when a / d > t => buy 1 at market
            """);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.DoesNotContain("`ifndef SYNTHESIS", module, StringComparison.Ordinal);
        Assert.Contains("_quotient = ", module, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quotient_an_order_reads_keeps_the_divider()
    {
        var program = Strategies.Lower("""
            strategy QuantityQuotient
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1 in 0..5000
            param d: ratio = 1 in 0..3
            param t: lots = 0.5 in -3..3
            signal q = a / d
            rule r priority 1 when q > t => buy q at market
            """);
        var module = VerilogBackend.Emit(program).Module!;
        Assert.DoesNotContain("`ifndef SYNTHESIS", module, StringComparison.Ordinal);
        Assert.DoesNotContain("without dividing", module, StringComparison.Ordinal);
    }

    [Fact]
    public void The_imbalance_scalpers_threshold_comparisons_build_no_divider()
    {
        var program = Strategies.LowerFile(Path.Combine(RepoPaths.Root, "examples", "imbalance_scalper.scalp"));
        var module = VerilogBackend.Emit(program).Module!;
        var synthesized = WithoutSimulationOnly(module);
        Assert.DoesNotContain("sig_imb_quotient", synthesized, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(module, "sig_imb > ") + CountOf(module, "sig_imb < "));
    }

    /// <summary>The module contains the reduced comparison and its divider only for simulation.</summary>
    private static void AssertReduced(string module)
    {
        Assert.Contains("without dividing", module, StringComparison.Ordinal);
        Assert.Contains("`ifndef SYNTHESIS", module, StringComparison.Ordinal);
        Assert.DoesNotContain("_quotient", WithoutSimulationOnly(module), StringComparison.Ordinal);
    }

    private static string WithoutSimulationOnly(string module)
    {
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in module.Split('\n'))
        {
            if (line.StartsWith("`ifndef SYNTHESIS", StringComparison.Ordinal))
                skipping = true;
            else if (skipping && line.StartsWith("`endif", StringComparison.Ordinal))
                skipping = false;
            else if (!skipping)
                kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>
    /// Operands where the outcome turns: t at the exact quotient trunc(a·2^16 / d) (as Q.Div computes
    /// it) and one raw step either side, divisors a·2^16 is an exact multiple of, a fifth of
    /// divisors zero, and some random bounds.
    /// </summary>
    private static List<IReadOnlyDictionary<string, long>> BoundarySets(int seed, long tLo = -(20000L << 16), bool mirrorBound = false)
    {
        var random = new Random(seed);
        const long tLimit = 20000L << 16;
        var sets = new List<IReadOnlyDictionary<string, long>>();
        for (var i = 0; i < Cases; i++)
        {
            long d = i % 5 == 0 ? 0 : random.Next(3) switch
            {
                0 => random.NextInt64(1, (3L << 16) + 1),
                1 => random.NextInt64(1, 64),
                _ => random.NextInt64(1L << 14, (3L << 16) + 1),
            };
            long a = random.NextInt64(-(5000L << 16), (5000L << 16) + 1);
            // a power-of-two divisor up to one: a·2^16 is an exact multiple of it
            if (d != 0 && random.Next(4) == 0)
                d = 1L << random.Next(0, 17);
            var q = d == 0 ? BigInteger.Zero : BigInteger.Divide((BigInteger)a << 16, d);
            // With mirrorBound the rule compares with -t too: half the bounds sit at -q instead.
            var near = mirrorBound && random.Next(2) == 0 ? -q : q;
            long t = random.Next(5) switch
            {
                0 => random.NextInt64(tLo, tLimit + 1),
                var s => (long)BigInteger.Clamp(near + (s - 2), tLo, tLimit),
            };
            sets.Add(new Dictionary<string, long> { ["a"] = a, ["d"] = d, ["t"] = t });
        }
        return sets;
    }
}
