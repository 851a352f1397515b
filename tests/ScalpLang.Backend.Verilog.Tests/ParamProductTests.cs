using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Products by a param whose digits the Verilog chooses at elaboration (ParamProducts): one module
/// per factor form, instantiated once per param value (each instance elaborates its own digits),
/// simulated in iverilog on operands at their range's extremes, around zero and at random; every
/// product equals x·k exactly, for factors of both signs across their declared range. A product by
/// -k of the same operand is the earlier one read negated. Sabotaged digit choices are caught.
/// </summary>
public sealed class ParamProductTests
{
    private static readonly BigInteger Two47 = BigInteger.One << 47;

    /// <summary>An operand's range, the factor's form over param p (offset, coefficient of p), the param's range and the values to instantiate.</summary>
    private sealed record Case(BigInteger XLo, BigInteger XHi, BigInteger Offset, int Coefficient, BigInteger PLo, BigInteger PHi);

    private static readonly Case[] Cases =
    [
        // the imbalance scalper: d (book sizes) times threshold + 1; 1 - p_win times atr's Q47.16 value
        new(0, (BigInteger)int.MaxValue * 10 << 16, 1, 1, 32768, 58982),
        new(-Two47, Two47 - 1, 65536, -1, 32768, 45875),
        // a factor that changes sign across the range, and one wholly negative
        new(-1000, 1000, 0, 1, -70000, 70000),
        new(-(BigInteger.One << 30), BigInteger.One << 30, -1, -1, 1, 1 << 20),
        // a one-bit operand, and a factor range reaching 2^62
        new(-1, 0, 0, 1, -(BigInteger.One << 62), BigInteger.One << 62),
    ];

    [Fact]
    [Trait("Category", "Simulator")]
    public void Products_by_a_param_are_exact_for_every_value_in_its_range()
    {
        var failures = Run(ParamProducts.Fault.None);
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("SkipLowestShift")]
    [InlineData("SwapSigns")]
    public void A_sabotaged_digit_choice_is_caught(string faultName)
    {
        var failures = Run(Enum.Parse<ParamProducts.Fault>(faultName));
        // Every case has odd factor values among its instances, whose lowest digit is at shift 0.
        foreach (var k in Enumerable.Range(0, Cases.Length))
            Assert.Contains(failures, f => f.StartsWith($"case {k}:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_product_by_minus_k_of_the_same_operand_is_the_first_one_negated()
    {
        var program = Strategies.Lower(Strategy);
        var text = new StringBuilder();
        var products = new ParamProducts(program, line => text.Append(line).Append('\n'));
        var k = Form(1, 1);
        var first = products.Write("p1", "x", 20, k, 2, 100, mayNegate: true);
        var second = products.Write("p2", "x", 20, k.Negated(), -100, -2, mayNegate: true);
        var other = products.Write("p3", "y", 20, k.Negated(), -100, -2, mayNegate: true);
        Assert.Equal(first.Signal, second.Signal);
        Assert.False(first.Negated);
        Assert.True(second.Negated);
        Assert.NotEqual(first.Signal, other.Signal);
        Assert.Equal(2, text.ToString().Split("generate for").Length - 1);
        // A product that may not be negated is its own.
        var own = products.Write("p4", "x", 20, k.Negated(), -100, -2, mayNegate: false);
        Assert.Equal("p4", own.Signal);
        Assert.False(own.Negated);
    }

    private const string Strategy = """
        strategy Products
        instrument "XYZ" tick 0.01 lot 1 currency USD
        param p: ticks = 1 in 0..2
        rule r priority 1 when spread > p => buy 1 at market
        """;

    private static BuildTimeLinear Form(BigInteger offset, int coefficient) =>
        new(ImmutableSortedDictionary<int, BigInteger>.Empty.Add(0, coefficient), offset);

    /// <summary>The param values each case instantiates: the range's ends, 0, ±1 and odd values inside, and random ones.</summary>
    private static BigInteger[] ParamValues(Case c, Random random)
    {
        var span = c.PHi - c.PLo;
        BigInteger[] edges = [c.PLo, c.PHi, c.PLo + 1, c.PHi - 1, 0, 1, -1, (c.PLo + c.PHi) / 2 | 1];
        var randoms = Enumerable.Range(0, 8).Select(_ => c.PLo + new BigInteger(random.NextInt64(long.MaxValue)) * span / long.MaxValue);
        return [.. edges.Concat(randoms).Where(v => v >= c.PLo && v <= c.PHi).Distinct()];
    }

    private static List<string> Run(ParamProducts.Fault fault)
    {
        var program = Strategies.Lower(Strategy);
        var random = new Random(31);
        var failures = new List<string>();
        foreach (var (c, k) in Cases.Select((c, k) => (c, k)))
        {
            var values = ParamValues(c, random);
            var xWidth = new ValueRange(c.XLo, c.XHi).SignedWidth;
            var form = Form(c.Offset, c.Coefficient);
            var factors = values.Select(p => c.Offset + c.Coefficient * p).ToArray();
            var (kLo, kHi) = (factors.Min(), factors.Max());
            var body = new StringBuilder();
            // The factor's range is the form's over the param's whole declared range.
            var ends = new[] { c.Offset + c.Coefficient * c.PLo, c.Offset + c.Coefficient * c.PHi };
            var product = new ParamProducts(program, line => body.Append("    ").Append(line).Append('\n')) { Sabotage = fault }
                .Write("prod", "x", xWidth, form, ends.Min(), ends.Max(), mayNegate: false);
            var width = product.Width;
            var v = new StringBuilder("`default_nettype none\n");
            v.Append(CultureInfo.InvariantCulture, $"module prod_{k} #(parameter signed [63:0] p_p = 64'sd0) (input wire signed [{xWidth - 1}:0] x, output wire signed [{width - 1}:0] y);\n");
            v.Append(body).Append("    assign y = prod;\nendmodule\n\n");
            v.Append("module tb;\n");
            v.Append(CultureInfo.InvariantCulture, $"    reg signed [{xWidth - 1}:0] x;\n    integer fin, fout, n;\n");
            for (var i = 0; i < values.Length; i++)
            {
                v.Append(CultureInfo.InvariantCulture, $"    wire signed [{width - 1}:0] y{i};\n");
                v.Append(CultureInfo.InvariantCulture, $"    prod_{k} #(.p_p({VerilogText.Literal(values[i], 64)})) u{i} (.x(x), .y(y{i}));\n");
            }
            var ys = string.Join(", ", Enumerable.Range(0, values.Length).Select(i => $"y{i}"));
            var formats = string.Join(" ", Enumerable.Range(0, values.Length).Select(_ => "%h"));
            v.Append(CultureInfo.InvariantCulture, $$"""
                    initial begin
                        fin = $fopen("vectors.txt", "r");
                        fout = $fopen("out.txt", "w");
                        n = $fscanf(fin, "%h\n", x);
                        while (n == 1) begin
                            #1 $fwrite(fout, "{{formats}}\n", {{ys}});
                            n = $fscanf(fin, "%h\n", x);
                        end
                        $fclose(fout);
                        $finish;
                    end
                endmodule

                """);
            var xs = Operands(c, random);
            var outputs = Tools.SimulateVectors($"paramproduct{k}", v.ToString(), "tb", [.. xs.Select(x => SignedHex.Format(x, xWidth))]);
            Assert.True(kLo >= ends.Min() && kHi <= ends.Max());
            for (var j = 0; j < xs.Count; j++)
            {
                var got = outputs[j].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < values.Length; i++)
                {
                    var value = SignedHex.Parse(got[i], width);
                    if (value != xs[j] * factors[i])
                        failures.Add($"case {k}: x={xs[j]} p={values[i]} k={factors[i]}: Verilog {value}, exact {xs[j] * factors[i]}");
                }
            }
        }
        return failures;
    }

    private static List<BigInteger> Operands(Case c, Random random)
    {
        BigInteger[] edges = [c.XLo, c.XHi, 0, 1, -1, c.XLo + 1, c.XHi - 1];
        var span = c.XHi - c.XLo + 1;
        var randoms = Enumerable.Range(0, 60).Select(_ =>
        {
            var bytes = new byte[span.GetByteCount() + 4];
            random.NextBytes(bytes);
            bytes[^1] &= 0x7F;
            return c.XLo + new BigInteger(bytes) % span;
        });
        return [.. edges.Where(x => x >= c.XLo && x <= c.XHi).Concat(randoms)];
    }

}
