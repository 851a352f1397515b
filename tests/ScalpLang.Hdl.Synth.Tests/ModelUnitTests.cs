using System.Globalization;
using System.Text;
using ScalpLang.Backtest;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Models;
using ScalpLang.Compiler.Numerics;
using ScalpLang.Hdl.Synth.Tests.Infrastructure;
using ScalpLang.Ml;
using Xunit.Abstractions;

namespace ScalpLang.Hdl.Synth.Tests;

/// <summary>
/// The pipelined model unit of `scalp synth --unit model:PATH.zip` in iverilog against the
/// language's scoring (ModelScoring: the score and the §6.1 probability the IL computes), for the
/// shipped FastTree (examples/models/p_up.zip, 20 trees), a 100-tree FastTree and an SDCA linear
/// model (Models/, trained by `scalp train` on the GOOG day): thousands of feature vectors (edge
/// values and every threshold with its neighbours, random values of every size, and the GOOG day's
/// own features as the strategy computes them), streamed one per cycle with gaps, each result
/// checked bit for bit and at exactly the stated latency. A unit with one table entry or one
/// threshold changed must be caught.
/// </summary>
[Trait("Category", "Simulator")]
public sealed class ModelUnitTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models() => ["examples/models/p_up.zip", "tests/ScalpLang.Hdl.Synth.Tests/Models/fasttree_100.zip",
        "tests/ScalpLang.Hdl.Synth.Tests/Models/sdca.zip"];

    private static readonly Lazy<IReadOnlyList<long[]>> GoogFeatures = new(ReadGoogFeatures);

    [Theory]
    [MemberData(nameof(Models))]
    public void Unit_equals_the_language_scoring_at_the_stated_latency(string model)
    {
        var (unit, function, scale, offset, features) = Load(model);
        var vectors = Vectors(function, features, new Random(model.Length));
        var results = Simulate(unit, vectors, out var inCycles);
        Assert.Equal(vectors.Count, results.Count);
        var probabilities = new HashSet<long>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var (score, probability) = Reference(function, scale, offset, vectors[i]);
            Assert.True(score == results[i].Score && probability == results[i].Probability,
                $"vector {i} [{string.Join(", ", vectors[i])}]: language {score}/{probability}, unit {results[i].Score}/{results[i].Probability}");
            Assert.True(unit.Latency == results[i].Cycle - inCycles[i], $"vector {i}: stated latency {unit.Latency}, measured {results[i].Cycle - inCycles[i]}");
            probabilities.Add(probability);
        }
        output.WriteLine($"{model}: {unit.ModuleName}, latency {unit.Latency}, {vectors.Count} vectors, {probabilities.Count} distinct probabilities");
        Assert.True(vectors.Count >= 3000);
        Assert.True(probabilities.Count > 50, "the vectors exercise too few scores");
    }

    [Theory]
    [InlineData("sigmoid_table(probability_k + 10'd1) -", "sigmoid_table(probability_k + 10'd2) -", "the sigmoid's interpolation step")]
    [InlineData("s2_c[0] <= (", "s2_c[0] <= !(", "a comparison")]
    public void A_broken_unit_is_caught(string pattern, string replacement, string what)
    {
        var (unit, function, scale, offset, features) = Load("examples/models/p_up.zip");
        Assert.Contains(pattern, unit.Verilog, StringComparison.Ordinal);
        var broken = unit with { Verilog = unit.Verilog.Replace(pattern, replacement, StringComparison.Ordinal) };
        var vectors = Vectors(function, features, new Random(7)).Take(1500).ToList();
        var results = Simulate(broken, vectors, out _);
        var mismatches = vectors.Select((v, i) => Reference(function, scale, offset, v) != (results[i].Score, results[i].Probability)).Count(x => x);
        output.WriteLine($"{what}: {mismatches} of {vectors.Count} differ");
        Assert.True(mismatches > 0, what);
    }

    [Fact]
    public void Pin_wrapper_assembles_words_and_adds_its_stages()
    {
        var (unit, function, scale, offset, features) = Load("examples/models/p_up.zip");
        var vectors = Vectors(function, features, new Random(3)).Take(300).ToList();
        var dir = Repo.Scratch("model-pins");
        var words = new StringBuilder();
        foreach (var vector in vectors)
            foreach (var x in vector)
                for (var w = 0; w < 4; w++)
                    words.Append(((ulong)x >> (16 * w) & 0xFFFF).ToString("x4", CultureInfo.InvariantCulture)).Append('\n');
        File.WriteAllText(Path.Combine(dir, "words.txt"), words.ToString());
        File.WriteAllText(Path.Combine(dir, "unit.v"), unit.Verilog);
        File.WriteAllText(Path.Combine(dir, "tb.v"), $$"""
            `timescale 1ns / 1ps
            module tb;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg in_strobe = 1'b0;
                reg [15:0] in_word = 16'd0;
                reg [15:0] next_word;
                wire out_valid;
                wire [16:0] out_probability;
                {{unit.PinTop}} dut (.clk(clk), .rst(rst), .in_strobe(in_strobe), .in_word(in_word), .out_valid(out_valid), .out_probability(out_probability));
                always #5 clk <= ~clk;
                integer cycle = 0;
                always @(posedge clk) cycle <= cycle + 1;
                integer in_file, out_file, scanned, n = 0;
                initial begin
                    in_file = $fopen("words.txt", "r");
                    out_file = $fopen("out.txt", "w");
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    while (!$feof(in_file)) begin
                        scanned = $fscanf(in_file, "%h\n", next_word);
                        if (scanned == 1) begin
                            @(negedge clk);
                            in_strobe = 1'b1;
                            in_word = next_word;
                            n = n + 1;
                            if (n % {{features * 4}} == 0) $fwrite(out_file, "in %0d\n", cycle);
                            if (n % 5 == 0) begin @(negedge clk); in_strobe = 1'b0; end   // gaps are allowed
                        end
                    end
                    @(negedge clk);
                    in_strobe = 1'b0;
                    repeat ({{unit.PinLatency + 4}}) @(negedge clk);
                    $fclose(out_file);
                    $finish;
                end
                always @(posedge clk) if (out_valid) $fwrite(out_file, "out %0d %0d\n", cycle, out_probability);
            endmodule
            """);
        Iverilog(dir);
        var lines = File.ReadAllLines(Path.Combine(dir, "out.txt")).Select(l => l.Split(' ')).ToList();
        var ins = lines.Where(l => l[0] == "in").Select(l => long.Parse(l[1], CultureInfo.InvariantCulture)).ToList();
        var outs = lines.Where(l => l[0] == "out").Select(l => (Cycle: long.Parse(l[1], CultureInfo.InvariantCulture), P: long.Parse(l[2], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(vectors.Count, ins.Count);
        Assert.Equal(vectors.Count, outs.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            Assert.Equal(Reference(function, scale, offset, vectors[i]).Probability, outs[i].P);
            // The last word is driven when the counter reads ins[i] and sampled at the next edge.
            Assert.Equal(unit.PinLatency!.Value + 1, outs[i].Cycle - ins[i]);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Unit_lints_clean(string model)
    {
        var (unit, _, _, _, _) = Load(model);
        var dir = Repo.Scratch("model-lint");
        var file = Path.Combine(dir, unit.ModuleName + ".v");
        File.WriteAllText(file, unit.Verilog);
        foreach (var top in new[] { unit.ModuleName, unit.PinTop! })
        {
            var (exit, log) = Repo.Run("verilator", dir, "--lint-only", "-Wall", "--top-module", top, file);
            Assert.True(exit == 0 && log.Trim().Length == 0, log);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Latency_depends_on_the_tree_count_not_the_depth()
    {
        var (small, _, _, _, _) = Load("examples/models/p_up.zip");              // 20 trees + bias: 5 adder levels
        var (large, _, _, _, _) = Load("tests/ScalpLang.Hdl.Synth.Tests/Models/fasttree_100.zip"); // 101 addends: 7 levels
        var (linear, _, _, _, _) = Load("tests/ScalpLang.Hdl.Synth.Tests/Models/sdca.zip");      // 5 weights + bias: 3 levels
        Assert.Equal(2 + 5 + 3, small.Latency);   // after the sampling edge: comparisons, leaves, adders, logit, table, output
        Assert.Equal(2 + 7 + 3, large.Latency);
        Assert.Equal(1 + 3 + 3, linear.Latency);  // products instead of comparisons and leaves
        Assert.Equal(small.Latency + ModelUnitGenerator.PinStages, small.PinLatency);
    }

    [Fact]
    public void Saturation_width_keeps_every_threshold_and_its_successor()
    {
        Assert.Equal(2, ModelUnitGenerator.SaturationWidth(-1, 0));       // -2..1 holds -1, 0 and 1
        Assert.Equal(3, ModelUnitGenerator.SaturationWidth(0, 1));        // 2 needs 3 bits
        Assert.Equal(18, ModelUnitGenerator.SaturationWidth(-65536, 65535));
        Assert.Equal(64, ModelUnitGenerator.SaturationWidth(0, long.MaxValue));
    }

    private static (TimingUnit Unit, QuantisedFunction Function, long Scale, long Offset, int Features) Load(string relative)
    {
        var path = Path.Combine(Repo.Root, relative);
        var unit = TimingUnitChoice.Parse("model:" + path, new MlModelReader(), out var error);
        Assert.True(unit is not null, error);
        var model = new MlModelReader().Read(path).Model!;
        var (function, scale, offset) = ModelQuantiser.Quantise(model);
        return (unit!, function, scale, offset, model.Features.Length);
    }

    /// <summary>ModelScoring's score and probability (the IL's meaning, grammar/README.md §6.1).</summary>
    private static (long Score, long Probability) Reference(QuantisedFunction function, long scale, long offset, long[] x)
    {
        var score = ModelScoring.Score(function, x);
        var logit = unchecked(Fixed.Multiply(new Fixed(scale), new Fixed(score)).Raw + offset);
        return (score, FixedSigmoid.Apply(logit));
    }

    /// <summary>Edge values and thresholds with their neighbours, random values of every size, and the GOOG day's features.</summary>
    private static List<long[]> Vectors(QuantisedFunction function, int features, Random random)
    {
        var special = new List<long>[features];
        for (var f = 0; f < features; f++)
            special[f] = [0, 1, -1, long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 65536, -65536, 1L << 47, -(1L << 47)];
        if (function is QuantisedTrees trees)
        {
            foreach (var tree in trees.Trees)
                for (var n = 0; n < tree.SplitFeature.Length; n++)
                    special[tree.SplitFeature[n]].AddRange([tree.Threshold[n], unchecked(tree.Threshold[n] + 1), unchecked(tree.Threshold[n] - 1)]);
        }
        var vectors = new List<long[]>();
        for (var i = 0; i < 1500; i++)
            vectors.Add([.. Enumerable.Range(0, features).Select(f => special[f][random.Next(special[f].Count)])]);
        for (var i = 0; i < 1000; i++)
            vectors.Add([.. Enumerable.Range(0, features).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 64))]);
        var goog = GoogFeatures.Value;
        var step = Math.Max(1, goog.Count / 1500);
        for (var i = 0; i < goog.Count; i += step)
            vectors.Add(goog[i]);
        return vectors;
    }

    /// <summary>The ML example's model features over the GOOG LOBSTER day, as the compiled strategy computes them (scalp train's replay).</summary>
    private static IReadOnlyList<long[]> ReadGoogFeatures()
    {
        var messages = Path.Combine(Repo.Root, "..", "shared", "data", "lobster", "GOOG_2012-06-21_1", "GOOG_2012-06-21_34200000_57600000_message_1.csv");
        if (!File.Exists(messages))
        {
            Assert.False(Environment.GetEnvironmentVariable("SCALP_REQUIRE_SHARED") == "1", $"missing {messages}");
            return [];
        }
        Assert.True(LabelSpec.TryParse("mid_up(500ms)", out var label, out _));
        var request = new TrainingRequest(Path.Combine(Repo.Root, "examples", "ml_imbalance_scalper.scalp"), new DataSpec(DataKind.Lobster, messages),
            label, TrainerKind.FastTree, Trees: 1, Leaves: 2);
        var errors = new StringWriter();
        var result = ModelTrainer.Train(request, errors);
        Assert.True(result is not null, errors.ToString());
        return [.. result!.Set.Train.Concat(result.Set.Test).Select(r => r.Features)];
    }

    private sealed record Output(long Cycle, long Score, long Probability);

    /// <summary>One vector per cycle, every 7th cycle idle; each vector's sampling cycle and each output in order.</summary>
    private static List<Output> Simulate(TimingUnit unit, List<long[]> vectors, out List<long> inCycles)
    {
        var features = vectors[0].Length;
        var dir = Repo.Scratch("model-unit");
        File.WriteAllText(Path.Combine(dir, "in.txt"), string.Concat(vectors.Select(v =>
            string.Concat(v.Reverse().Select(x => ((ulong)x).ToString("x16", CultureInfo.InvariantCulture))) + "\n")));
        File.WriteAllText(Path.Combine(dir, "unit.v"), unit.Verilog);
        File.WriteAllText(Path.Combine(dir, "tb.v"), $$"""
            `timescale 1ns / 1ps
            module tb;
                reg clk = 1'b0;
                reg rst = 1'b1;
                reg in_valid = 1'b0;
                reg [{{features * 64 - 1}}:0] in_features = 0;
                reg [{{features * 64 - 1}}:0] next_features;
                wire out_valid;
                wire signed [63:0] out_score;
                wire [16:0] out_probability;
                {{unit.ModuleName}} dut (.clk(clk), .rst(rst), .in_valid(in_valid), .in_features(in_features),
                    .out_valid(out_valid), .out_score(out_score), .out_probability(out_probability));
                always #5 clk <= ~clk;
                integer cycle = 0;
                always @(posedge clk) cycle <= cycle + 1;
                integer in_file, out_file, scanned, n = 0;
                initial begin
                    in_file = $fopen("in.txt", "r");
                    out_file = $fopen("out.txt", "w");
                    repeat (2) @(negedge clk);
                    rst = 1'b0;
                    while (!$feof(in_file)) begin
                        scanned = $fscanf(in_file, "%h\n", next_features);
                        if (scanned == 1) begin
                            @(negedge clk);
                            in_valid = 1'b1;
                            in_features = next_features;
                            $fwrite(out_file, "in %0d\n", cycle);
                            n = n + 1;
                            if (n % 7 == 0) begin @(negedge clk); in_valid = 1'b0; end
                        end
                    end
                    @(negedge clk);
                    in_valid = 1'b0;
                    repeat ({{unit.Latency + 4}}) @(negedge clk);
                    $fclose(out_file);
                    $finish;
                end
                always @(posedge clk) if (out_valid) $fwrite(out_file, "out %0d %0d %0d\n", cycle, out_score, out_probability);
            endmodule
            """);
        Iverilog(dir);
        inCycles = [];
        var outputs = new List<Output>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "out.txt")))
        {
            var f = line.Split(' ');
            if (f[0] == "in")
                // Driven when the counter reads c, sampled at the next edge (when the counter becomes c + 1).
                inCycles.Add(long.Parse(f[1], CultureInfo.InvariantCulture) + 1);
            else
                // Seen at the edge after out_valid rose: that edge's counter value is the cycle it rose.
                outputs.Add(new Output(long.Parse(f[1], CultureInfo.InvariantCulture), long.Parse(f[2], CultureInfo.InvariantCulture),
                    long.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        Directory.Delete(dir, recursive: true);
        return outputs;
    }

    private static void Iverilog(string dir)
    {
        var (exit, log) = Repo.Run("iverilog", dir, "-g2005", "-o", "sim.vvp", "-s", "tb", "unit.v", "tb.v");
        Assert.True(exit == 0, log);
        (exit, log) = Repo.Run("vvp", dir, "-n", "sim.vvp");
        Assert.True(exit == 0, log);
    }
}
