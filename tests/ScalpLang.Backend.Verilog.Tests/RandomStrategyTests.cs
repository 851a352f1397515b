using System.Globalization;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;
using ScalpLang.Hdl.CoSim;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Whole strategies at random (seeded): ratio expressions over every market input, constants and
/// params (ranged and not), nested operators of mixed widths, and decisions that expose the values
/// themselves (a buy's quantity and limit price), co-simulated against the IL. Where the
/// per-operator tests check each operator alone, these check range inference and width handling
/// through composite expressions.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class RandomStrategyTests(ITestOutputHelper output)
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_random_strategy_agrees_with_the_IL(int seed)
    {
        var text = Generate(new Random(seed));
        output.WriteLine(text);
        var program = Strategies.Lower(text, $"random{seed}.scalp");
        var dir = Tools.Scratch("random");
        var tape = Tools.SyntheticTape(dir, 100 + seed, 30_000, program.BookDepth);
        var report = CoSimulation.Run(program, tape, SimulatorKind.Iverilog, Path.Combine(dir, "work"));
        Assert.True(report.Error is null, report.Error);
        output.WriteLine($"{report.Summary}; {report.Acted} events acted");
        Assert.True(report.Mismatches == 0, report.First is { } m ? CoSimulation.Describe(m) : report.Summary);
        Directory.Delete(dir, recursive: true);
    }

    private static string Generate(Random random)
    {
        string[] leaves =
        [
            "bid / ask", "ask / bid", "spread / 1 tick", "imbalance(levels: {k})", "(microprice - mid) / 1 tick",
            "last_price / mid", "depth(levels: {k}) / 100 lots", "bid_depth(levels: {k}) / ask_depth(levels: {j})",
            "(last_price - bid) / 1 tick", "ranged", "unbounded", "{c}",
        ];
        string Leaf()
        {
            // Parenthesised: `-` and `/` bind tighter than a leaf's own operators.
            var leaf = "(" + leaves[random.Next(leaves.Length)] + ")";
            return leaf.Replace("{k}", (random.Next(5) + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{j}", (random.Next(5) + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{c}", Constant(), StringComparison.Ordinal);
        }
        string Constant() => random.Next(3) switch
        {
            0 => (random.Next(1, 2000) / 16.0).ToString("0.####", CultureInfo.InvariantCulture),
            1 => random.Next(1, 100).ToString(CultureInfo.InvariantCulture),
            _ => "1000000",
        };
        string Expr(int depth)
        {
            if (depth == 0 || random.Next(4) == 0)
                return Leaf();
            var (a, b) = (Expr(depth - 1), Expr(depth - 1));
            return random.Next(8) switch
            {
                0 => $"({a} + {b})",
                1 => $"({a} - {b})",
                2 => $"({a} * {b})",
                3 => $"({a} / {b})",
                4 => $"(-{a})",
                5 => $"min({a}, {b})",
                6 => $"max({a}, {b})",
                _ => $"abs({a})",
            };
        }
        string Condition()
        {
            string[] comparisons = ["<", "<=", ">", ">=", "==", "!="];
            var c = $"{Expr(2)} {comparisons[random.Next(comparisons.Length)]} {Expr(1)}";
            return random.Next(3) switch
            {
                0 => c,
                1 => $"{c} and not ({Expr(1)} > {Expr(1)})",
                _ => $"({c}) and {Expr(1)} < {Constant()}",
            };
        }
        return $"""
            strategy Random
            instrument "XYZ" tick 0.01 lot 1 currency USD
            book depth 5
            param ranged: ratio = 1.5 in -4..4
            param unbounded: ratio = 0.25
            signal s1 = {Expr(3)}
            signal s2 = {Expr(3)}
            rule r1 priority 3 when {Condition()} => buy s1 * 1 lot at bid + s2 * 1 tick
            rule r2 priority 2 when {Condition()} => sell s2 * 1 lot at market
            rule r3 priority 1 when {Condition()} => wait
            """;
    }
}
