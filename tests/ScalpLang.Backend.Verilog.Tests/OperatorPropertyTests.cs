using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Each fixed-point operator, IL vs simulated Verilog, on random operands (seeded) and the edge
/// cases: 0, ±1, ±2^16, the 64-bit extremes (wrap), negative operands and a zero divisor. The
/// operands are params, so full-range params exercise the 64-bit (wrapping) paths and ranged
/// params the narrow, range-sized ones.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class OperatorPropertyTests
{
    private const int Cases = 160;

    private static readonly long[] Edges = [0, 1, -1, 65536, -65536, 32768, -32769, long.MaxValue, long.MinValue, long.MinValue + 1,
        1L << 47, -(1L << 47), (1L << 47) - 1, 3, -3, 0x7FFF_FFFF_0000, -0x7FFF_FFFF_0000];

    public static TheoryData<string, string> Operators() => new()
    {
        { "mul", "buy a * b at market" },
        { "div", "buy a / b at market" },
        { "div_by_4", "buy a / 4 at market" },
        { "div_by_quarter", "buy a / 0.25 at market" },
        { "div_by_1024", "buy a / 1024 at market" },
        { "div_by_raw_1", "buy a / 0.0000153 at market" },
        { "add", "buy a + c at market" },
        { "sub", "buy a - c at market" },
        { "neg", "buy -a at market" },
        { "select", "buy max(a, c) at market" },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void Full_range_operands_agree(string op, string action)
    {
        var program = Strategies.Lower($"""
            strategy Op_{op}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1
            param b: ratio = 1
            param c: lots = 1
            rule r priority 1 when b == b => {action}
            """);
        Agree(program, RandomSets(op.GetHashCode(StringComparison.Ordinal), full: true));
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public void Ranged_operands_agree_on_narrow_wires(string op, string action)
    {
        var program = Strategies.Lower($"""
            strategy Narrow_{op}
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1 in -5000..5000
            param b: ratio = 1 in -3..3
            param c: lots = 1 in -70000..70000
            rule r priority 1 when b == b => {action}
            """);
        Assert.DoesNotContain("wire signed [63:0] n", VerilogBackend.Emit(program).Module!, StringComparison.Ordinal);
        Agree(program, RandomSets(op.GetHashCode(StringComparison.Ordinal) + 1, full: false));
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("==")]
    [InlineData("!=")]
    public void Comparisons_agree(string comparison)
    {
        var program = Strategies.Lower($"""
            strategy Compare
            instrument "XYZ" tick 0.01 lot 1 currency USD
            param a: lots = 1
            param b: ratio = 1
            param c: lots = 1
            rule r priority 2 when a {comparison} c and not (b {comparison} 0.5) => wait
            rule s priority 1 when b {comparison} 0.5 or a == c => cancel_all
            """);
        var sets = RandomSets(comparison.Length * 7 + comparison[0], full: true);
        // Equal operands on purpose, so == and <= see both outcomes.
        for (var i = 0; i < sets.Count; i += 4)
            sets[i] = new Dictionary<string, long>(sets[i]) { ["c"] = sets[i]["a"] };
        Agree(program, sets);
    }

    private static void Agree(IrProgram program, List<IReadOnlyDictionary<string, long>> sets)
    {
        var il = InstanceHarness.Il(program, sets);
        var simulated = InstanceHarness.Simulated(program, sets);
        for (var i = 0; i < sets.Count; i++)
        {
            Assert.True(il[i] == simulated[i],
                $"case {i} ({string.Join(", ", sets[i].Select(p => $"{p.Key}={p.Value}"))}): IL {il[i]}, Verilog {simulated[i]}");
        }
    }

    private static List<IReadOnlyDictionary<string, long>> RandomSets(int seed, bool full)
    {
        var random = new Random(seed);
        long Pick(long lo, long hi)
        {
            if (full)
            {
                return random.Next(4) switch
                {
                    0 => Edges[random.Next(Edges.Length)],
                    1 => random.NextInt64(long.MinValue, long.MaxValue),
                    2 => random.NextInt64(-(1L << 40), 1L << 40),
                    _ => random.NextInt64(-100_000, 100_000),
                };
            }
            var edge = Edges[random.Next(Edges.Length)];
            return random.Next(3) == 0 && edge >= lo && edge <= hi ? edge : random.NextInt64(lo, hi + 1);
        }
        var sets = new List<IReadOnlyDictionary<string, long>>();
        for (var i = 0; i < Cases; i++)
        {
            sets.Add(new Dictionary<string, long>
            {
                ["a"] = Pick(-5000L << 16, 5000L << 16),
                // Every fifth divisor is zero: Q.Div gives 0.
                ["b"] = i % 5 == 0 ? 0 : Pick(-3L << 16, 3L << 16),
                ["c"] = Pick(-70000L << 16, 70000L << 16),
            });
        }
        return sets;
    }
}
