using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using ScalpLang.Backend.Verilog.Tests.Infrastructure;

namespace ScalpLang.Backend.Verilog.Tests;

/// <summary>
/// Signed-by-non-negative products as radix-4 Booth rows (BoothProduct), simulated in iverilog
/// against C# arithmetic: a at its extremes (-2^(n-1), 2^(n-1) - 1), around zero and at random, b at
/// 0, 1, 2^k - 1, the values that make the top digit 2 and at random, for the portfolio's 48 x 15
/// and for small, odd and even k. A row's +1 correction dropped, the top digit never 2, or the
/// multiplicand one bit short must each give wrong products.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class BoothProductTests
{
    /// <summary>(a's width n, b's bits k): the open P&amp;L's, wide and narrow, k odd (top digit up to 2) and even (top digit 0..1).</summary>
    private static readonly (int A, int B)[] Cases = [(48, 15), (64, 15), (8, 4), (5, 1), (2, 3), (16, 16), (33, 7), (3, 2)];

    [Fact]
    public void Booth_rows_give_the_exact_product()
    {
        var vectors = Vectors(seed: 31);
        var outcome = Simulate(BoothProduct.Fault.None, vectors);
        for (var i = 0; i < vectors.Count; i++)
        {
            for (var k = 0; k < Cases.Length; k++)
            {
                var (a, b) = vectors[i][k];
                var got = SignedHex.Parse(outcome[i][k], Width(k));
                Assert.True(a * b == got, $"case {k} ({Cases[k].A} x {Cases[k].B}): a={a} b={b}: Verilog {got}");
            }
        }
        // The vectors reach the top digit 2 (k odd, 3 or more) and the most negative product.
        Assert.All(Enumerable.Range(0, Cases.Length).Where(k => Cases[k].B % 2 == 1 && Cases[k].B >= 3), k =>
            Assert.Contains(vectors, v => TopDigit(v[k].B, Cases[k].B) == 2));
        Assert.All(Enumerable.Range(0, Cases.Length), k =>
            Assert.Contains(vectors, v => v[k].A == -(BigInteger.One << (Cases[k].A - 1)) && v[k].B == (BigInteger.One << Cases[k].B) - 1));
    }

    [Theory]
    [InlineData("DropCorrection")]
    [InlineData("TopDigitNeverTwo")]
    [InlineData("NarrowMultiplicand")]
    public void A_sabotaged_product_is_caught(string faultName)
    {
        var fault = Enum.Parse<BoothProduct.Fault>(faultName);
        var vectors = Vectors(seed: 32);
        var outcome = Simulate(fault, vectors);
        var wrong = Enumerable.Range(0, Cases.Length)
            .Where(k => Enumerable.Range(0, vectors.Count).Any(i => vectors[i][k].A * vectors[i][k].B != SignedHex.Parse(outcome[i][k], Width(k)))).ToList();
        // Row 0's +1 matters whenever b's bit 1 is set (any k >= 2); the top digit reaches 2 only for odd k >= 3
        // (k = 1 reads 0, b[0], 0: never 2); a one bit short is wrong at a's extremes for every case.
        var mustFail = Enumerable.Range(0, Cases.Length).Where(k => fault switch
        {
            BoothProduct.Fault.DropCorrection => Cases[k].B >= 2,
            BoothProduct.Fault.TopDigitNeverTwo => Cases[k].B % 2 == 1 && Cases[k].B >= 3,
            _ => true,
        }).ToList();
        Assert.NotEmpty(mustFail);
        Assert.All(mustFail, k => Assert.Contains(k, wrong));
    }

    [Fact]
    public void The_portfolio_writes_its_open_pnl_as_booth_rows()
    {
        var v = new StringBuilder();
        PortfolioSection.Write(v);
        var text = v.ToString();
        Assert.Contains("wire signed [62:0] pf_open_pnl = ", text, StringComparison.Ordinal);
        Assert.Equal(BoothProduct.Digits(15), Regex.Count(text, @"wire +\[48:0\] pf_open_pnl_row_\d+ = "));
        Assert.DoesNotMatch(@"\) \* \$signed", text);
    }

    private static int Width(int k) => BoothProduct.Width(Cases[k].A, Cases[k].B);

    /// <summary>The top Booth digit of b (k bits): -2 b[2m-1] + b[2m-2] + b[2m-3], bits at or above k being 0.</summary>
    private static int TopDigit(BigInteger b, int bBits)
    {
        var m = BoothProduct.Digits(bBits);
        int Bit(int j) => j < 0 ? 0 : (int)((b >> j) & 1);
        return -2 * Bit(2 * m - 1) + Bit(2 * m - 2) + Bit(2 * m - 3);
    }


    /// <summary>Per vector, one (a, b) per case: every pair of edge values first, then random pairs.</summary>
    private static List<(BigInteger A, BigInteger B)[]> Vectors(int seed)
    {
        var random = new Random(seed);
        BigInteger Random(BigInteger lo, BigInteger hi)
        {
            var span = hi - lo + 1;
            var bytes = new byte[span.GetByteCount() + 4];
            random.NextBytes(bytes);
            bytes[^1] &= 0x7F;
            return lo + new BigInteger(bytes) % span;
        }
        (BigInteger A, BigInteger B) Pick(int k, int i)
        {
            var (n, bits) = Cases[k];
            var (aLo, aHi, bHi) = (-(BigInteger.One << (n - 1)), (BigInteger.One << (n - 1)) - 1, (BigInteger.One << bits) - 1);
            BigInteger[] aEdges = [aLo, aHi, 0, -1, 1, aLo + 1, aHi - 1, -(BigInteger.One << (n - 2))];
            // b's edges: 0, 1, 2, the maximum, 0b110..0 (top digit 2 for odd k), 0b0101.., 0b1010.., the top bit alone.
            BigInteger[] bEdges = [0, 1, 2 & bHi, bHi, bits >= 2 ? 3 * (BigInteger.One << (bits - 2)) : 1, bHi / 3, bHi / 3 * 2, BigInteger.One << (bits - 1)];
            if (i < aEdges.Length * bEdges.Length)
                return (aEdges[i % aEdges.Length], bEdges[i / aEdges.Length]);
            return (Random(aLo, aHi), Random(0, bHi));
        }
        return [.. Enumerable.Range(0, 400).Select(i => Enumerable.Range(0, Cases.Length).Select(k => Pick(k, i)).ToArray())];
    }

    private static List<string[]> Simulate(BoothProduct.Fault fault, List<(BigInteger A, BigInteger B)[]> vectors)
    {
        var count = Cases.Length;
        var ports = Enumerable.Range(0, count).Select(k =>
            $"    input wire signed [{Cases[k].A - 1}:0] a{k},\n    input wire [{Cases[k].B - 1}:0] b{k},\n    output wire signed [{Width(k) - 1}:0] y{k}");
        var v = new StringBuilder("`default_nettype none\nmodule products(\n").Append(string.Join(",\n", ports)).Append(");\n");
        for (var k = 0; k < count; k++)
        {
            BoothProduct.Write(line => v.Append("    ").Append(line).Append('\n'), $"p{k}", $"a{k}", Cases[k].A, $"b{k}", Cases[k].B, fault);
            v.Append(CultureInfo.InvariantCulture, $"    assign y{k} = p{k};\n");
        }
        v.Append("endmodule\n\nmodule products_tb;\n");
        for (var k = 0; k < count; k++)
            v.Append(CultureInfo.InvariantCulture, $"    reg signed [{Cases[k].A - 1}:0] a{k};\n    reg [{Cases[k].B - 1}:0] b{k};\n    wire signed [{Width(k) - 1}:0] y{k};\n");
        v.Append("    integer fin, fout, n;\n    products dut(");
        v.Append(string.Join(", ", Enumerable.Range(0, count).Select(k => $".a{k}(a{k}), .b{k}(b{k}), .y{k}(y{k})")));
        var reads = string.Join(" ", Enumerable.Range(0, 2 * count).Select(_ => "%h"));
        var writes = string.Join(" ", Enumerable.Range(0, count).Select(_ => "%h"));
        var inputs = string.Join(", ", Enumerable.Range(0, count).Select(k => $"a{k}, b{k}"));
        var ys = string.Join(", ", Enumerable.Range(0, count).Select(k => $"y{k}"));
        v.Append(CultureInfo.InvariantCulture, $$"""
            );
                initial begin
                    fin = $fopen("vectors.txt", "r");
                    fout = $fopen("out.txt", "w");
                    n = $fscanf(fin, "{{reads}}\n", {{inputs}});
                    while (n == {{2 * count}}) begin
                        #1 $fwrite(fout, "{{writes}}\n", {{ys}});
                        n = $fscanf(fin, "{{reads}}\n", {{inputs}});
                    end
                    $fclose(fout);
                    $finish;
                end
            endmodule

            """);
        var lines = vectors.Select(x => string.Join(" ", Enumerable.Range(0, count).Select(k => $"{SignedHex.Format(x[k].A, Cases[k].A)} {SignedHex.Format(x[k].B, Cases[k].B)}"))).ToList();
        return [.. Tools.SimulateVectors($"booth-{fault}", v.ToString(), "products_tb", lines).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
    }
}
