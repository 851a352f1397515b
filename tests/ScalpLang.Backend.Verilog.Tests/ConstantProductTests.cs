using System.Globalization;
using System.Numerics;
using System.Text;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Products by a constant as canonical-signed-digit shifts and adds (ConstantProduct): the digits
/// reconstruct the constant with no two adjacent, and the written partial sums, simulated in
/// iverilog, give the exact product for x at its range's extremes, around zero and at random, for
/// constants of both signs up to 2^64 and operands of both signs; a dropped digit or a partial sum
/// one bit too narrow is caught.
/// </summary>
public sealed class ConstantProductTests
{
    private static readonly BigInteger Two63 = BigInteger.One << 63;

    /// <summary>Operand ranges and constants the emitter meets: window totals, a peak's low 16 bits, Q47.16 values, ratios, 2^63 ± 1, 2^64 + t.</summary>
    private static readonly (BigInteger Lo, BigInteger Hi, BigInteger C)[] Cases =
    [
        (0, Two63, 52429),
        (0, Two63, 52430),
        (0, Two63, -39321),
        (1, Two63 - 1, 328),
        (-Two63, Two63 - 1, 98304),
        (-Two63, Two63 - 1, -98304),
        (0, 65535, Two63),
        (0, 65535, -Two63 - 1),
        (0, 65535, Two63 + 1),
        (0, 65535, (BigInteger.One << 64) - 328 + 1),
        (0, 65535, (BigInteger.One << 64) + 328),
        (0, (BigInteger.One << 47) + 0xFFFF, 98304),
        (-5000L << 16, 5000L << 16, 0x5555_5555),
        (-3, 3, -7),
        (0, 1, 17),
        (-1, 0, 0b1011_0111_0110_1101),
        (5, 9, 1),
        (-9, -5, -1),
        (0, 1, 0),
    ];

    public static TheoryData<string> Constants() =>
    [
        "0", "1", "-1", "3", "7", "52429", "39322", "-39321", "98304", "328", "18446744073709551289",
        "9223372036854775808", "-9223372036854775809", "12297829382473034410", "-123456789012345678901234567890",
    ];

    [Theory]
    [MemberData(nameof(Constants))]
    public void Digits_reconstruct_the_constant_and_none_are_adjacent(string text)
    {
        var c = BigInteger.Parse(text, CultureInfo.InvariantCulture);
        var digits = ConstantProduct.Digits(c);
        Assert.Equal(c, digits.Aggregate(BigInteger.Zero, (sum, d) => sum + d.Sign * (BigInteger.One << d.Shift)));
        Assert.All(digits, d => Assert.True(d.Sign is 1 or -1));
        for (var i = 1; i < digits.Length; i++)
            Assert.True(digits[i].Shift >= digits[i - 1].Shift + 2, $"digits at {digits[i - 1].Shift} and {digits[i].Shift} of {c}");
        // The non-adjacent form has the fewest non-zero digits: never more than the binary form's set bits.
        Assert.True(digits.Length <= BigInteger.PopCount(BigInteger.Abs(c)), $"{digits.Length} digits for {c}");
    }

    [Fact]
    public void Runs_of_ones_take_two_digits()
    {
        Assert.Equal("2^16 - 2^0", ConstantProduct.Describe(65535));
        Assert.Equal(2, ConstantProduct.Digits(Two63 - 1).Length);
        Assert.Equal("2^16 - 2^14 + 2^12 - 2^10 + 2^8 - 2^6 + 2^4 - 2^2 + 2^0", ConstantProduct.Describe(52429));
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void Shifts_and_adds_give_the_exact_product()
    {
        var vectors = Vectors(seed: 21);
        var outcome = Simulate(ConstantProduct.Fault.None, vectors, out var widths);
        for (var i = 0; i < vectors.Count; i++)
        {
            for (var k = 0; k < Cases.Length; k++)
            {
                var got = SignedHex.Parse(outcome[i][k], widths[k]);
                Assert.True(vectors[i][k] * Cases[k].C == got, $"case {k}: x={vectors[i][k]} c={Cases[k].C}: Verilog {got}");
            }
        }
        // Each product is written at its range's exact width.
        for (var k = 0; k < Cases.Length; k++)
            Assert.Equal(ConstantProduct.Times(Cases[k].Lo, Cases[k].Hi, Cases[k].C).SignedWidth, widths[k]);
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData("DropDigit")]
    [InlineData("NarrowPartial")]
    public void A_sabotaged_product_is_caught(string faultName)
    {
        var fault = Enum.Parse<ConstantProduct.Fault>(faultName);
        var vectors = Vectors(seed: 22);
        var outcome = Simulate(fault, vectors, out var widths);
        // Every constant with more than one digit (DropDigit), or any (NarrowPartial, at its range's extremes), goes wrong somewhere.
        var wrong = Enumerable.Range(0, Cases.Length).Where(k => Enumerable.Range(0, vectors.Count).Any(i => vectors[i][k] * Cases[k].C != SignedHex.Parse(outcome[i][k], widths[k]))).ToList();
        var mustFail = Enumerable.Range(0, Cases.Length).Where(k => fault == ConstantProduct.Fault.DropDigit
            ? ConstantProduct.Digits(Cases[k].C).Length > 1 && Cases[k].Hi != Cases[k].Lo
            : ConstantProduct.Digits(Cases[k].C).Length > 1 && Cases[k].Hi - Cases[k].Lo > 8).ToList();
        Assert.NotEmpty(mustFail);
        Assert.All(mustFail, k => Assert.Contains(k, wrong));
    }


    /// <summary>
    /// The same products added over the fold (SerialConstantProduct), 1, 2 and 5 digit positions a
    /// cycle: each vector loads with a one-cycle strobe and is read once the longest product is done.
    /// </summary>
    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Serial_shifts_and_adds_give_the_exact_product(int perStep)
    {
        var vectors = Vectors(seed: 23);
        var outcome = Simulate(ConstantProduct.Fault.None, vectors, out var widths, perStep);
        for (var i = 0; i < vectors.Count; i++)
        {
            for (var k = 0; k < Cases.Length; k++)
            {
                var got = SignedHex.Parse(outcome[i][k], widths[k]);
                Assert.True(vectors[i][k] * Cases[k].C == got, $"case {k}: x={vectors[i][k]} c={Cases[k].C}, {perStep} a step: Verilog {got}");
            }
        }
        for (var k = 0; k < Cases.Length; k++)
            Assert.Equal(ConstantProduct.Times(Cases[k].Lo, Cases[k].Hi, Cases[k].C).SignedWidth, widths[k]);
    }

    [Theory]
    [Trait("Category", "Simulator")]
    [InlineData(@"(p\d+_h0 = p\d+_t0) >>> 1;", "$1 >>> 2;", "the partial product shifted two bits a position")]
    [InlineData(@"(p\d+_at <= p\d+_at \+ \d+'d)2;", "${1}1;", "the position counter one behind")]
    [InlineData(@"\? -(p\d+_x) :", "? $1 :", "a -1 digit added as +1")]
    public void A_sabotaged_serial_product_is_caught(string pattern, string replacement, string what)
    {
        var vectors = Vectors(seed: 24);
        var outcome = Simulate(ConstantProduct.Fault.None, vectors, out var widths, 2, module =>
        {
            var broken = System.Text.RegularExpressions.Regex.Replace(module, pattern, replacement);
            Assert.NotEqual(module, broken);
            return broken;
        });
        var wrong = Enumerable.Range(0, Cases.Length).Count(k => Enumerable.Range(0, vectors.Count).Any(i => vectors[i][k] * Cases[k].C != SignedHex.Parse(outcome[i][k], widths[k])));
        Assert.True(wrong > 0, $"{what}: every product still exact");
    }

    private static int XWidth(int k) => new ValueRange(Cases[k].Lo, Cases[k].Hi).SignedWidth;

    /// <summary>Per vector, one x per case: the extremes, 0 and ±1 where in range, one step inside, and random values.</summary>
    private static List<BigInteger[]> Vectors(int seed)
    {
        var random = new Random(seed);
        BigInteger Pick(int k, int i)
        {
            var (lo, hi, _) = Cases[k];
            BigInteger[] edges = [lo, hi, 0, 1, -1, lo + 1, hi - 1, (lo + hi) / 2];
            var edge = edges[i % edges.Length];
            if (i < 16 && edge >= lo && edge <= hi)
                return edge;
            var span = hi - lo + 1;
            var bytes = new byte[span.GetByteCount() + 4];
            random.NextBytes(bytes);
            bytes[^1] &= 0x7F;
            return lo + new BigInteger(bytes) % span;
        }
        return [.. Enumerable.Range(0, 300).Select(i => Enumerable.Range(0, Cases.Length).Select(k => Pick(k, i)).ToArray())];
    }

    /// <param name="serialPerStep">SerialConstantProduct with this many positions a step (0: ConstantProduct), clocked.</param>
    private static List<string[]> Simulate(ConstantProduct.Fault fault, List<BigInteger[]> vectors, out int[] widths, int serialPerStep = 0, Func<string, string>? transform = null)
    {
        var serial = serialPerStep > 0;
        var v = new StringBuilder("`default_nettype none\nmodule products(\n");
        if (serial)
            v.Append("    input wire clk,\n    input wire rst,\n    input wire ev,\n");
        v.Append(string.Join(",\n", Enumerable.Range(0, Cases.Length).Select(k => $"    input wire signed [{XWidth(k) - 1}:0] x{k}")));
        var body = new StringBuilder();
        var w = new int[Cases.Length];
        widths = w;
        var longest = serial ? Cases.Max(x => (SerialConstantProduct.Positions(x.C) + serialPerStep - 1) / serialPerStep) : 0;
        for (var k = 0; k < Cases.Length; k++)
        {
            var (lo, hi, c) = Cases[k];
            Action<string> line = l => body.Append("    ").Append(l).Append('\n');
            var steps = (SerialConstantProduct.Positions(c) + serialPerStep - 1) / Math.Max(1, serialPerStep);
            var product = serial
                ? SerialConstantProduct.Write(line, $"p{k}", $"x{k}", XWidth(k), lo, hi, c, "ev", serialPerStep, steps)
                : ConstantProduct.Write(line, $"p{k}", $"x{k}", XWidth(k), lo, hi, c, fault);
            w[k] = product.Width;
        }
        v.Append(",\n").Append(string.Join(",\n", Enumerable.Range(0, Cases.Length).Select(k => $"    output wire signed [{w[k] - 1}:0] y{k}")));
        v.Append(");\n").Append(body);
        for (var k = 0; k < Cases.Length; k++)
            v.Append(CultureInfo.InvariantCulture, $"    assign y{k} = p{k};\n");
        v.Append("endmodule\n\nmodule products_tb;\n");
        for (var k = 0; k < Cases.Length; k++)
            v.Append(CultureInfo.InvariantCulture, $"    reg signed [{XWidth(k) - 1}:0] x{k};\n    wire signed [{w[k] - 1}:0] y{k};\n");
        v.Append("    integer fin, fout, n;\n    products dut(");
        if (serial)
            v.Append(".clk(clk), .rst(rst), .ev(ev), ");
        v.Append(string.Join(", ", Enumerable.Range(0, Cases.Length).Select(k => $".x{k}(x{k}), .y{k}(y{k})")));
        var reads = string.Join(" ", Enumerable.Range(0, Cases.Length).Select(_ => "%h"));
        var xs = string.Join(", ", Enumerable.Range(0, Cases.Length).Select(k => $"x{k}"));
        var ys = string.Join(", ", Enumerable.Range(0, Cases.Length).Select(k => $"y{k}"));
        v.Append(CultureInfo.InvariantCulture, $$"""
            );
            {{(serial ? "    reg clk = 1'b0, rst = 1'b1, ev = 1'b0;\n                task cycle; begin #1 clk = 1'b1; #1 clk = 0; end endtask" : "")}}
                initial begin
                    fin = $fopen("vectors.txt", "r");
                    fout = $fopen("out.txt", "w");
                    {{(serial ? "cycle;\n                    rst = 1'b0;" : "")}}
                    n = $fscanf(fin, "{{reads}}\n", {{xs}});
                    while (n == {{Cases.Length}}) begin
                        {{(serial ? $"ev = 1'b1;\n                        cycle;\n                        ev = 1'b0;\n                        repeat ({longest + 1}) cycle;" : "")}}
                        #1 $fwrite(fout, "{{reads}}\n", {{ys}});
                        n = $fscanf(fin, "{{reads}}\n", {{xs}});
                    end
                    $fclose(fout);
                    $finish;
                end
            endmodule

            """);
        var lines = vectors.Select(x => string.Join(" ", Enumerable.Range(0, Cases.Length).Select(k => SignedHex.Format(x[k], XWidth(k))))).ToList();
        var verilog = transform is null ? v.ToString() : transform(v.ToString());
        return [.. Tools.SimulateVectors(serial ? "serial_products" : "products", verilog, "products_tb", lines).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
    }
}
